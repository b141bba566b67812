// Reader of NumPy .npz files (a zip of .npy arrays, stored or deflated): one array is the features,
// other 2-D arrays with as many rows are embedding candidates, 1-D numeric ones are metadata columns.
import type { Dataset, EmbeddingCandidate } from './dataset';
import { denseMatrix, type DenseSource, type RowChunk } from './denseMatrix';
import { checkUnchanged, stampFile, type FileKind, type FileStamp } from './fileErrors';
import { DEFAULT_CHUNK_ELEMENTS } from './matrixPass';
import { parseNpyHeader, type NpyHeader } from './npyHeader';
import { matrixShape, npyRowChunks } from './npyRows';
import type { ReadDatasetOptions } from './options';
import { zipEntryBytes, zipEntryHeads } from './zipEntries';
import type { NumericColumn } from '../types';
import { LavaInputError } from '../../shared/errors';

export const NPZ_FILE: FileKind = { name: 'NumPy .npz', ext: '.npz' };

const HEADER_MAX = 1 << 16;

interface NpzArray {
  key: string;
  entry: string;
  header: NpyHeader | null;
  /** Why the header could not be used, when it could not. */
  error: LavaInputError | null;
}

export async function readNpz(path: string, opts: ReadDatasetOptions = {}): Promise<Dataset> {
  const stamp = await stampFile(path, NPZ_FILE);
  const arrays = await listArrays(path);
  const chosen = chooseFeatures(arrays, opts.layer, path);
  if (chosen.error !== null) throw chosen.error;
  const header = chosen.header as NpyHeader;
  const where = `array "${chosen.key}"`;
  const { rows, cols } = matrixShape(header, path, where);
  const chunkElements = opts.chunkElements ?? DEFAULT_CHUNK_ELEMENTS;
  const source = (a: NpzArray, h: NpyHeader, c: number): DenseSource => ({
    file: path,
    source: `array "${a.key}" (${h.shape.join(' x ')}, ${h.dtype.descr})`,
    rows,
    cols: c,
    names: Array.from({ length: c }, (_, j) => String(j)),
    readRows: (rowsPerChunk, signal) => entryRows(path, stamp, a, h, { rows, cols: c }, rowsPerChunk, signal),
  });
  const notes: string[] = [];
  const embeddings: EmbeddingCandidate[] = [];
  const columns: NumericColumn[] = [];
  for (const a of arrays) {
    if (a === chosen) continue;
    if (a.header === null || a.header.shape[0] !== rows || a.header.shape.length > 2) {
      notes.push(
        `array "${a.key}" left out: ${a.error?.problem ?? `its shape (${a.header?.shape.join(', ')}) does not have ${rows} rows`}`,
      );
    } else if (a.header.shape.length === 2) {
      const d = a.header.shape[1];
      const m = denseMatrix(source(a, a.header, d), chunkElements);
      embeddings.push({
        key: a.key,
        rows,
        dims: d,
        read: () => m.block(Array.from({ length: d }, (_, j) => j)),
      });
    } else {
      const m = denseMatrix(source(a, a.header, 1), chunkElements);
      const values = await m.block([0]);
      const bad: number[] = [];
      values.forEach((v, r) => Number.isFinite(v) || bad.push(r));
      columns.push({
        kind: 'numeric',
        name: a.key,
        index: columns.length,
        values,
        bad: Int32Array.from(bad),
      });
    }
  }
  return {
    file: path,
    format: 'npz',
    rowCount: rows,
    rowNames: { kind: 'position' },
    columns,
    embeddings,
    matrix: denseMatrix(source(chosen, header, cols), chunkElements),
    choices: {
      layer: arrays.filter((a) => a.header?.shape.length === 2).map((a) => a.key),
      obsm: embeddings.map((e) => e.key),
    },
    notes,
  };
}

async function listArrays(path: string): Promise<NpzArray[]> {
  const heads = await zipEntryHeads(path, NPZ_FILE, HEADER_MAX);
  if (heads.length === 0) {
    throw new LavaInputError(
      'is not an .npz file (no zip entries found)',
      { file: path },
      'Save the arrays with numpy.savez or numpy.savez_compressed, or check that the file was copied whole.',
    );
  }
  return heads
    .filter((h) => h.name.endsWith('.npy'))
    .map((h) => {
      const key = h.name.slice(0, -'.npy'.length);
      try {
        return { key, entry: h.name, header: parseNpyHeader(h.head, path, `array "${key}"`), error: null };
      } catch (err) {
        if (!(err instanceof LavaInputError)) throw err;
        return { key, entry: h.name, header: null, error: err };
      }
    });
}

/** The array named by the layer option; else the only one; else "X". */
function chooseFeatures(arrays: NpzArray[], layer: string | undefined, path: string): NpzArray {
  const keys = arrays.map((a) => a.key);
  const byKey = (k: string): NpzArray | undefined => arrays.find((a) => a.key === k);
  const named = layer ?? (arrays.length === 1 ? arrays[0].key : 'X');
  const found = byKey(named);
  if (found !== undefined) return found;
  throw new LavaInputError(
    layer !== undefined ? `has no array "${layer}"` : 'has no array named "X" to take the features from',
    { file: path, option: 'layer' },
    `Name the array of features with {option:layer}; the arrays are: ${keys.join(', ') || '(none)'}.`,
  );
}

async function* entryRows(
  path: string,
  stamp: FileStamp,
  a: NpzArray,
  h: NpyHeader,
  shape: { rows: number; cols: number },
  rowsPerChunk: number,
  signal: AbortSignal | undefined,
): AsyncIterable<RowChunk> {
  await checkUnchanged(path, stamp, NPZ_FILE);
  const bytes = zipEntryBytes(path, NPZ_FILE, a.entry, h.dataOffset, signal);
  yield* npyRowChunks(bytes, h, shape, rowsPerChunk, path, `array "${a.key}"`, signal);
}
