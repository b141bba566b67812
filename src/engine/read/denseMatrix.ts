// A feature matrix stored dense and row-major (h5ad X or a layer, .npy), read a few rows at a time.
import type { FeatureMatrix, FeatureStats, MatrixPassOptions } from './dataset';
import { checkpoint } from '../errors';
import { StatsAccumulator, columnSlots, progressReporter, rowSlots } from './matrixPass';

/** rows x cols values starting at matrix row `row0`, row-major. */
export interface RowChunk {
  row0: number;
  rowCount: number;
  values: ArrayLike<number>;
}

/** Where a dense matrix's rows come from: each pass asks for them again, in order, `rowsPerChunk` at a time. */
export interface DenseSource {
  file: string;
  source: string;
  rows: number;
  cols: number;
  names: string[];
  readRows(rowsPerChunk: number, signal: AbortSignal | undefined): AsyncIterable<RowChunk>;
}

export function denseMatrix(src: DenseSource, chunkElements: number): FeatureMatrix {
  const rowsPerChunk = Math.max(1, Math.floor(chunkElements / Math.max(1, src.cols)));
  return {
    source: src.source,
    rows: src.rows,
    cols: src.cols,
    names: src.names,
    stats: (opts) => denseStats(src, rowsPerChunk, opts ?? {}),
    block: (columns, opts) => denseBlock(src, rowsPerChunk, columns, opts ?? {}),
  };
}

async function denseStats(
  src: DenseSource,
  rowsPerChunk: number,
  opts: MatrixPassOptions,
): Promise<FeatureStats> {
  const { rows, cols } = src;
  const slot = rowSlots(rows, opts.rows, src.file);
  const acc = new StatsAccumulator(cols, rows);
  const report = progressReporter(opts.onProgress, rows);
  for await (const chunk of src.readRows(rowsPerChunk, opts.signal)) {
    const v = chunk.values;
    for (let i = 0; i < chunk.rowCount; i++) {
      const r = chunk.row0 + i;
      if (slot[r] < 0) continue;
      const at = i * cols;
      for (let c = 0; c < cols; c++) acc.add(c, r, v[at + c]);
    }
    report(chunk.row0 + chunk.rowCount);
    await checkpoint(opts.signal);
  }
  return acc.finish(opts.rows?.length ?? rows);
}

async function denseBlock(
  src: DenseSource,
  rowsPerChunk: number,
  columns: ArrayLike<number>,
  opts: MatrixPassOptions,
): Promise<Float64Array> {
  const { rows, cols } = src;
  const slot = rowSlots(rows, opts.rows, src.file);
  columnSlots(cols, columns, src.file);
  const k = columns.length;
  const out = new Float64Array((opts.rows?.length ?? rows) * k);
  const report = progressReporter(opts.onProgress, rows);
  for await (const chunk of src.readRows(rowsPerChunk, opts.signal)) {
    const v = chunk.values;
    for (let i = 0; i < chunk.rowCount; i++) {
      const s = slot[chunk.row0 + i];
      if (s < 0) continue;
      const at = i * cols;
      for (let j = 0; j < k; j++) out[s * k + j] = v[at + columns[j]];
    }
    report(chunk.row0 + chunk.rowCount);
    await checkpoint(opts.signal);
  }
  return out;
}
