// Step "read": the data file and the files beside it (embedding, metadata), whose rows are matched to the
// data's by position, so their row counts must agree.
import { basename } from 'node:path';
import type { Dataset } from './dataset';
import { readDataset } from './readDataset';
import { readTableBytes, type WideColumns } from './table';
import { tableDataset } from './tableDataset';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/** What prepare reads: the data and, when the options name them, the embedding and metadata files. */
export interface Inputs {
  data: Dataset;
  embeddingFile?: Dataset | null;
  metadataFile?: Dataset | null;
}

export interface ReadInputsOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** The data file's bytes when a caller has them in memory (a CSV only); `file` then names it in errors. */
  bytes?: Uint8Array;
  /** Which columns of a CSV wider than the reader reads whole to read (the run's named ones). */
  wideColumns?: WideColumns;
}

export async function readInputs(
  file: string,
  params: Pick<LavaParams, 'layer' | 'varNames' | 'embeddingFile' | 'metadataFile'>,
  opts: ReadInputsOptions = {},
): Promise<Inputs> {
  const { signal, onProgress, bytes, wideColumns } = opts;
  const data = bytes
    ? tableDataset(await readTableBytes(bytes, file, { signal, onProgress, wideColumns }))
    : await readDataset(file, { signal, onProgress, wideColumns, layer: params.layer, varNames: params.varNames });
  const beside = async (key: 'embeddingFile' | 'metadataFile'): Promise<Dataset | null> => {
    const path = params[key];
    if (path === undefined) return null;
    const ds = await readDataset(path, { signal });
    checkRowCount(data, ds, key);
    return ds;
  };
  const embeddingFile = await beside('embeddingFile');
  const metadataFile = await beside('metadataFile');
  if (metadataFile?.matrix) {
    throw new LavaInputError(
      'holds an array, not metadata columns',
      { file: metadataFile.file, option: 'metadataFile' },
      'Give a CSV (or Parquet, Arrow) file with one named column per label in {option:metadataFile}.',
    );
  }
  return { data, embeddingFile, metadataFile };
}

/** Rows are matched by position: a file with another row count would pair rows that do not belong together. */
function checkRowCount(data: Dataset, other: Dataset, key: 'embeddingFile' | 'metadataFile'): void {
  if (other.rowCount === data.rowCount) return;
  throw new LavaInputError(
    `has ${other.rowCount} rows where the data file ${basename(data.file)} has ${data.rowCount}`,
    { file: other.file, option: key },
    `Rows are matched by position: give {option:${key}} a file with one row per data row, in the same order.`,
  );
}
