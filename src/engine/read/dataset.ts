// What every reader produces and prepare consumes: rows, typed columns, embedding candidates and a feature matrix.
import type { Column } from '../types';

/** The formats a reader exists for, by what the file is (not only its extension). */
export type DatasetFormat = 'csv' | 'h5ad' | 'parquet' | 'arrow' | 'npy' | 'npz';

/**
 * A read data file. Columns are small enough to hold (metadata, or a table's features); a feature
 * matrix (h5ad X, .npy) may not be, so it is read in passes and only a chosen block is made dense.
 */
export interface Dataset {
  file: string;
  format: DatasetFormat;
  rowCount: number;
  /** How rows are named in errors and tooltips. */
  rowNames: RowNames;
  /**
   * Typed columns: a table's columns, or h5ad obs. `index` is the position among them. Where there is a
   * matrix, the features are its columns and these are metadata only.
   */
  columns: DatasetColumn[];
  /** Dense E x d arrays that may be the embedding (h5ad obsm, npz arrays, list columns), by key. */
  embeddings: EmbeddingCandidate[];
  /** Features as one matrix (h5ad X / a layer / raw/X, .npy, .npz); null where they are columns. */
  matrix: FeatureMatrix | null;
  /** For each option this file offers a choice for (layer, obsm, varNames), the values it can take. */
  choices: Partial<Record<'layer' | 'obsm' | 'varNames', string[]>>;
  /** What was read in a way worth telling (skipped entries, conversions). */
  notes: string[];
  /** A CSV's delimiter, recorded in the result. */
  delimiter?: string;
}

/** CSV rows are named by file line, h5ad rows by obs_names, others by 1-based position. */
export type RowNames =
  { kind: 'line'; lineOfRow: Int32Array } | { kind: 'name'; names: string[] } | { kind: 'position' };

/** How row r (0-based) is named to a person: "line 12", "cell AAAC-1", "row 5". */
export function describeRow(names: RowNames, r: number): string {
  switch (names.kind) {
    case 'line':
      return `line ${names.lineOfRow[r]}`;
    case 'name':
      return `row "${names.names[r]}"`;
    case 'position':
      return `row ${r + 1}`;
  }
}

export type DatasetColumn = Column | CategoricalColumn;

/** Few distinct labels stored once: h5ad categoricals, Arrow dictionaries, booleans (false/true). */
export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  index: number;
  /** Index into `categories` per row; -1 where the value is missing. */
  codes: Int32Array;
  categories: string[];
  ordered: boolean;
}

export interface EmbeddingCandidate {
  key: string;
  rows: number;
  dims: number;
  /** The values, rows x dims row-major; read on demand (obsm may hold large entries such as X_pca). */
  read(): Promise<Float64Array>;
}

/** Options of one pass over a feature matrix. */
export interface MatrixPassOptions {
  signal?: AbortSignal;
  /** Fraction of the pass done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** The rows to use, ascending (e.g. prepare's kept rows); all rows when absent. */
  rows?: Int32Array;
}

/** Per-feature summary over the rows of a pass. Non-finite values are left out and counted. */
export interface FeatureStats {
  /** Rows the pass covered. */
  rows: number;
  mean: Float64Array;
  /** Population variance (divided by the count of finite values), as prepare ranks features. */
  variance: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Non-finite (NaN, +-Inf) values per feature. */
  nonFinite: Int32Array;
  /** Rows (ascending, among those covered) holding any non-finite value. */
  badRows: Int32Array;
}

/**
 * Features of a matrix file, read in chunks: never densified whole. `stats` is one streaming pass;
 * `block` a second that returns only the chosen features as a dense rows x k row-major array.
 */
export interface FeatureMatrix {
  /** Where the values come from, e.g. "X (sparse CSR, float32)", for notes. */
  source: string;
  rows: number;
  cols: number;
  /** One name per feature (h5ad var index or a var column; elsewhere the 0-based column index). */
  names: string[];
  stats(opts?: MatrixPassOptions): Promise<FeatureStats>;
  /** Features `columns` (any order, each once) of the pass's rows, in that column order. */
  block(columns: ArrayLike<number>, opts?: MatrixPassOptions): Promise<Float64Array>;
}
