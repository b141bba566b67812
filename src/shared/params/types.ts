// Every option of the method, resolved: what a run used. Shared by the engine, the CLI, the extension and the webview.

/** Every option of the method, resolved (no undefined): what a run actually used. */
export interface LavaParams {
  /** Embedding columns named by the user; empty means "recognise by name, else fail (or UMAP if umap)". */
  embedding: string[];
  /** Compute the embedding with umap-js instead of reading columns. */
  umap: boolean;
  /** Feature columns named by the user; empty means "every numeric, non-metadata, non-embedding column". */
  features: string[];
  /** Extra metadata columns named by the user (never features). */
  metadata: string[];
  /** Neighbourhood size n (locality size). */
  neighbors: number;
  /** Overlap factor o: number of localities is ceil(E * o / n). */
  overlap: number;
  /** Number of modules k, or "auto": the largest k in modulesRange whose every module is stable (docs/trust.md). */
  modules: number | 'auto';
  /** The k that "auto" tries, [lo, hi] inclusive. */
  modulesRange: [number, number];
  /** A module is strong when its stability is at least this (also what makes a k stable for "auto"). */
  minStability: number;
  /** ...and its permutation p-value at most this. */
  maxPValue: number;
  correlation: 'pearson' | 'spearman';
  /** Significance level of the two-sided Fisher z test that zeroes weak correlations. */
  alpha: number;
  maxFeatures: number;
  factorization: 'nmf' | 'boolean';
  /** Start of NMF: scikit-learn's NNDSVD, or pairs grouped by locality profile (finds parts where blobs overlap). */
  nmfInit: 'nndsvd' | 'profiles';
  /**
   * NMF's L1 penalty on H (W's columns at unit norm), as a fraction of a typical pair's weight; 0 = plain NMF.
   * Unset means DEFAULT_NMF_SPARSENESS; optional so that results without it decode, and keep their bytes.
   */
  nmfSparseness?: number;
  /**
   * Step 3 factorizes only the pairs (each sign apart) significant in at least this many localities; the others get
   * pattern weight 0. Unset means DEFAULT_MIN_PAIR_LOCALITIES; optional so that a result that does not set it keeps its bytes.
   */
  minPairLocalities?: number;
  seed: number;
  /** DIRECT budget (function evaluations) and its box for (alpha, beta). */
  directEvaluations: number;
  directBounds: [number, number];
  /**
   * Rows the DIRECT search evaluates its loss on (a seeded uniform sample); 0 = every row. Unset means
   * DEFAULT_DIRECT_SAMPLE; optional so that a result that does not set it keeps its bytes (and old results decode).
   */
  directSample?: number;
  /** umap-js settings, used only when umap is true. */
  umapNeighbors: number;
  umapMinDist: number;
  umapEpochs: number;
  /**
   * Threads the run's parallel steps use: "auto" = os.availableParallelism(), 1 = the engine's thread alone.
   * Optional, and never recorded in a result: the result is the same bytes on any number of threads.
   */
  threads?: number | 'auto';
  // Which parts of a data file to read, and files beside it. Optional: unset is absent (not ""), so a run that
  // does not use them records nothing new and keeps its result bytes.
  /** The features' matrix of an .h5ad ("X", a layer, "raw/X") or the array of an .npz. */
  layer?: string;
  /** The .h5ad obsm entry (or .npz array, Parquet/Arrow list column) that is the embedding. */
  obsm?: string;
  /** The .h5ad var column that names the features (gene symbols) instead of var's index. */
  varNames?: string;
  /** A file holding the embedding (.npy, .csv, ...), rows matched to the data file's by position. */
  embeddingFile?: string;
  /** A CSV of metadata columns, rows matched to the data file's by position. */
  metadataFile?: string;
}

/** The options that name a file: resolved from where they were given, and read like the data file. */
export const PATH_PARAMS = ['embeddingFile', 'metadataFile'] as const;
export type PathParam = (typeof PATH_PARAMS)[number];

/** directSample when unset: data with at most this many rows get the exact search, as before the option. */
export const DEFAULT_DIRECT_SAMPLE = 50_000;

/** nmfSparseness when unset (docs/method.md Step 3, docs/trust.md "A module inside another's places"). */
export const DEFAULT_NMF_SPARSENESS = 0.05;
/** minPairLocalities when unset: 1 keeps every pair significant anywhere (no pruning), the path before the option. */
export const DEFAULT_MIN_PAIR_LOCALITIES = 1;

export const DEFAULT_PARAMS: LavaParams = {
  embedding: [],
  umap: false,
  features: [],
  metadata: [],
  neighbors: 100,
  overlap: 3,
  modules: 'auto',
  modulesRange: [2, 16],
  minStability: 0.9,
  maxPValue: 0.01,
  correlation: 'pearson',
  alpha: 1e-3,
  maxFeatures: 256,
  factorization: 'nmf',
  nmfInit: 'profiles',
  seed: 0,
  directEvaluations: 40,
  directBounds: [-2, 2],
  umapNeighbors: 15,
  umapMinDist: 0.1,
  umapEpochs: 200,
};
