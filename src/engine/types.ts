// The typed contracts between the engine's steps: each step takes one of these and returns the next.
// Numbers live in typed arrays (row-major unless a name says otherwise); no arrays of objects in hot paths.
import type { DroppedFeature } from '../shared/result/types';

/** A parsed CSV: every column, typed; the line number (1-based, as an editor shows it) of every data row. */
export interface Table {
  file: string;
  header: string[];
  rowCount: number;
  /** lineOfRow[r] = 1-based line in the file where data row r starts. */
  lineOfRow: Int32Array;
  columns: Column[];
  delimiter: string;
}

export type Column = NumericColumn | TextColumn;

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  /** Position in the header (0-based); the editor column is index + 1. */
  index: number;
  /** NaN where a cell was empty or not a finite number; see `bad`. */
  values: Float64Array;
  /** Rows whose cell was not a finite number, in row order (all of them; they are few by construction). */
  bad: Int32Array;
}

export interface TextColumn {
  kind: 'text';
  name: string;
  index: number;
  values: string[];
}

/** What `prepare` hands to the numerical steps. E kept rows, F kept features, d embedding dims. */
export interface Prepared {
  /** E x F features, row-major. */
  X: Float64Array;
  E: number;
  F: number;
  features: string[];
  /** E x d embedding, row-major; null when it is to be computed by UMAP. */
  Z: Float64Array | null;
  d: number;
  embeddingColumns: string[];
  /** Index into the table's rows of each kept row (file order). */
  keptRows: Int32Array;
  droppedFeatures: DroppedFeature[];
  droppedRows: DroppedRows;
  /** Metadata columns restricted to kept rows, for colouring and tooltips. */
  metadata: PreparedMetadata[];
  /** The kept rows' names where the file names its rows (h5ad obs_names); null where rows are lines or positions. */
  rowNames: string[] | null;
  notes: string[];
}

/** A metadata column's kept rows as read (the result stores it as typed arrays: shared/result/types.ts). */
export type PreparedMetadata =
  | { name: string; kind: 'numeric'; values: number[] }
  | { name: string; kind: 'text'; values: string[] };

export interface DroppedRows {
  count: number;
  /** First few 1-based line numbers (positions in files without lines), with the column that made each one bad. */
  examples: { line: number; column: string }[];
}

/** Step 1's output. */
export interface Localities {
  /** Number of localities l and their size n. */
  count: number;
  size: number;
  /** l x d probe coordinates. */
  probes: Float64Array;
  /** l x n member row indices (into the prepared rows), nearest first. */
  members: Int32Array;
  alpha: number;
  beta: number;
  objective: number;
  evaluations: number;
  /** kNN in-degree c_i per sample. */
  inDegree: Int32Array;
}

/** Step 2's output: thresholded upper-triangle correlations per locality, sparse (CSR over localities). */
export interface LocalityCorrelations {
  F: number;
  /** P = F(F-1)/2; pair q <-> (i, j), i < j, in row-major upper-triangle order. */
  P: number;
  count: number;
  rowPtr: Int32Array;
  pairIndex: Int32Array;
  value: Float32Array;
  /** l x F: 1 where a feature is constant inside the locality (its correlations are undefined, stored as 0). */
  undefinedFeature: Uint8Array;
  /** The |r| below which values were zeroed. */
  threshold: number;
}

/** Step 3's output. */
export interface Factorization {
  k: number;
  /** l x k locality loadings, row-major. */
  W: Float64Array;
  /** k x P signed patterns h_m = H[m, :P] - H[m, P:], row-major. */
  patterns: Float32Array;
  iterations: number;
  /** Relative reconstruction error ||A - WH||_F / ||A||_F (nmf) or fraction of A's ones left uncovered (boolean). */
  error: number;
}

