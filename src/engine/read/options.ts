// What a reader may be told: which matrix and names to use, how much to read at a time, cancel and progress.
import type { WideColumns } from './table';

export interface ReadDatasetOptions {
  signal?: AbortSignal;
  /** Fraction of the reading done, 0..1 (the columns; matrix passes report their own). */
  onProgress?: (fraction: number) => void;
  /** The features' matrix: an h5ad layer name, "X" or "raw/X"; an array name of an .npz. Option key `layer`. */
  layer?: string;
  /** h5ad: the var column holding feature names instead of var's index. Option key `varNames`. */
  varNames?: string;
  /** Matrix elements read at a time (tests make it tiny so that chunks end inside rows). */
  chunkElements?: number;
  /** CSV: which columns of a header wider than the reader reads whole to read (the run's named ones). */
  wideColumns?: WideColumns;
}
