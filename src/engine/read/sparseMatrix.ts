// A feature matrix stored sparse (CSR: rows compressed; CSC: columns compressed), streamed in chunks of
// stored values that may end inside a row or column; only the chosen features are ever made dense.
import type { FeatureMatrix, FeatureStats, MatrixPassOptions } from './dataset';
import { checkpoint } from '../errors';
import { StatsAccumulator, columnSlots, progressReporter, rowSlots } from './matrixPass';
import { LavaInputError } from '../../shared/errors';

/** Stored values [at, at + data.length) with their minor-axis indices. */
export interface NonzeroChunk {
  at: number;
  data: ArrayLike<number>;
  indices: ArrayLike<number>;
}

export interface SparseSource {
  file: string;
  source: string;
  layout: 'csr' | 'csc';
  rows: number;
  cols: number;
  names: string[];
  /** major + 1 offsets into the stored values (major = rows for CSR, columns for CSC). */
  indptr: Float64Array;
  /** Where the arrays live in the file, for errors: e.g. "X". */
  path: string;
  /** Stored values [start, end) in pieces of at most `size`. */
  readNonzeros(
    start: number,
    end: number,
    size: number,
    signal: AbortSignal | undefined,
  ): AsyncIterable<NonzeroChunk>;
}

export function sparseMatrix(src: SparseSource, chunkElements: number): FeatureMatrix {
  checkIndptr(src);
  const size = Math.max(1, chunkElements);
  return {
    source: src.source,
    rows: src.rows,
    cols: src.cols,
    names: src.names,
    stats: (opts) => sparseStats(src, size, opts ?? {}),
    block: (columns, opts) =>
      src.layout === 'csr'
        ? csrBlock(src, size, columns, opts ?? {})
        : cscBlock(src, size, columns, opts ?? {}),
  };
}

function checkIndptr(src: SparseSource): void {
  const { indptr } = src;
  const major = src.layout === 'csr' ? src.rows : src.cols;
  const bad = (problem: string): LavaInputError =>
    new LavaInputError(
      `${src.path}/indptr ${problem}`,
      { file: src.file },
      'The sparse matrix is damaged: write the file again (e.g. adata.write_h5ad in Python).',
    );
  if (indptr.length !== major + 1) throw bad(`has ${indptr.length} entries where ${major + 1} were expected`);
  if (indptr[0] !== 0) throw bad('does not start at 0');
  for (let m = 0; m < major; m++) if (indptr[m + 1] < indptr[m]) throw bad(`decreases at ${m + 1}`);
}

/**
 * Walks every stored value in order and hands it on with its row and column; the major index moves on
 * as the offsets say, so a chunk may end anywhere.
 */
async function forEachNonzero(
  src: SparseSource,
  start: number,
  end: number,
  size: number,
  opts: MatrixPassOptions,
  visit: (row: number, col: number, x: number) => void,
): Promise<void> {
  const { indptr, layout } = src;
  const minorCount = layout === 'csr' ? src.cols : src.rows;
  const total = indptr[indptr.length - 1];
  const report = progressReporter(opts.onProgress, total);
  let major = 0;
  while (indptr[major + 1] <= start && major < indptr.length - 2) major++;
  for await (const chunk of src.readNonzeros(start, end, size, opts.signal)) {
    const { data, indices } = chunk;
    for (let i = 0; i < data.length; i++) {
      const p = chunk.at + i;
      while (indptr[major + 1] <= p) major++;
      const minor = indices[i];
      if (!(minor >= 0 && minor < minorCount)) {
        throw new LavaInputError(
          `${src.path}/indices holds ${minor} at position ${p}, outside 0..${minorCount - 1}`,
          { file: src.file },
          'The sparse matrix is damaged: write the file again (e.g. adata.write_h5ad in Python).',
        );
      }
      if (layout === 'csr') visit(major, minor, data[i]);
      else visit(minor, major, data[i]);
    }
    report(chunk.at + data.length);
    await checkpoint(opts.signal);
  }
}

async function sparseStats(src: SparseSource, size: number, opts: MatrixPassOptions): Promise<FeatureStats> {
  const slot = rowSlots(src.rows, opts.rows, src.file);
  const acc = new StatsAccumulator(src.cols, src.rows);
  const nnz = src.indptr[src.indptr.length - 1];
  await forEachNonzero(src, 0, nnz, size, opts, (r, c, x) => {
    if (slot[r] >= 0) acc.add(c, r, x);
  });
  return acc.finish(opts.rows?.length ?? src.rows);
}

/** CSR: one pass over every stored value, keeping those of the chosen columns. */
async function csrBlock(
  src: SparseSource,
  size: number,
  columns: ArrayLike<number>,
  opts: MatrixPassOptions,
): Promise<Float64Array> {
  const slot = rowSlots(src.rows, opts.rows, src.file);
  const colSlot = columnSlots(src.cols, columns, src.file);
  const k = columns.length;
  const out = new Float64Array((opts.rows?.length ?? src.rows) * k);
  const nnz = src.indptr[src.indptr.length - 1];
  await forEachNonzero(src, 0, nnz, size, opts, (r, c, x) => {
    const s = slot[r];
    const j = colSlot[c];
    if (s >= 0 && j >= 0) out[s * k + j] = x;
  });
  return out;
}

/** CSC: each chosen column's values are contiguous, so only those are read, in file order. */
async function cscBlock(
  src: SparseSource,
  size: number,
  columns: ArrayLike<number>,
  opts: MatrixPassOptions,
): Promise<Float64Array> {
  const slot = rowSlots(src.rows, opts.rows, src.file);
  columnSlots(src.cols, columns, src.file);
  const k = columns.length;
  const out = new Float64Array((opts.rows?.length ?? src.rows) * k);
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => columns[a] - columns[b]);
  const { onProgress, ...quiet } = opts;
  for (let n = 0; n < k; n++) {
    const j = order[n];
    const c = columns[j];
    await forEachNonzero(src, src.indptr[c], src.indptr[c + 1], size, quiet, (r, _c, x) => {
      const s = slot[r];
      if (s >= 0) out[s * k + j] = x;
    });
    onProgress?.((n + 1) / k);
  }
  return out;
}
