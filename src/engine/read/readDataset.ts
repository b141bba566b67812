// One entry point for every data file: picks the reader by extension and returns a Dataset.
import { extname } from 'node:path';
import { readArrow } from './arrow';
import type { Dataset, DatasetFormat } from './dataset';
import { BY_EXTENSION, formatOf } from './formats';
import { readH5ad } from './h5ad/h5ad';
import { readNpy } from './npy';
import { readNpz } from './npz';
import type { ReadDatasetOptions } from './options';
import { readParquet } from './parquet';
import { readTableFile } from './table';
import { tableDataset } from './tableDataset';
import { LavaInputError } from '../../shared/errors';

export { formatOf };

/** Spreadsheets are the commonest wrong file: they get the export hint, not the list of formats. */
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods)$/i;

export async function readDataset(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  const format = formatOf(path);
  const unused = (key: 'layer' | 'varNames', formats: DatasetFormat[]): void => {
    if (opts[key] !== undefined && format !== null && !formats.includes(format)) {
      throw new LavaInputError(
        `{option:${key}} does not apply to a ${format} file`,
        { file: path, option: key },
        `Leave {option:${key}} out for this file (it chooses within .h5ad${key === 'layer' ? ' and .npz' : ''} files).`,
      );
    }
  };
  unused('layer', ['h5ad', 'npz']);
  unused('varNames', ['h5ad']);
  switch (format) {
    case 'csv':
      return tableDataset(await readTableFile(path, opts));
    case 'h5ad':
      return readH5ad(path, opts);
    case 'parquet':
      return readParquet(path, opts);
    case 'arrow':
      return readArrow(path, opts);
    case 'npy':
      return readNpy(path, opts);
    case 'npz':
      return readNpz(path, opts);
    case null:
      if (SPREADSHEET.test(path))
        throw new LavaInputError(
          `is a spreadsheet (${extname(path)}), not a CSV text file`,
          { file: path },
          'Export it as CSV (UTF-8), e.g. "CSV UTF-8" in Excel.',
        );
      throw new LavaInputError(
        `is not a data file this tool reads (extension "${extname(path) || 'none'}")`,
        { file: path },
        `Use a ${Object.keys(BY_EXTENSION).join(', ')} file.`,
      );
  }
}
