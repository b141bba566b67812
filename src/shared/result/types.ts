// A run's result in memory, per-row arrays as typed arrays: what a run returns, what the CLI prints a summary of,
// what the webview shows. Its file form (./encode.ts, ./decode.ts) packs those arrays; bump SCHEMA_VERSION on
// any change to that form that an old reader would misread.
import type { LavaParams } from '../params/types';

/** 2: per-row arrays packed (./packed.ts), members ascending within a locality, text metadata as categories;
 * moduleSelection and per module strength, stability, significance, strong, rWhereActive; pairs[].r a correlation. */
export const SCHEMA_VERSION = 2 as const;

export interface LavaResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'lava-explorer'; version: string };
  /**
   * The data file and the .lava.json that gave options (if any). On disk both are relative to the result
   * file's folder with "/" separators (engine/io/resultFile.ts), so data and results can move or be shared.
   */
  source: { file: string; rows: number; delimiter: string; config?: string };
  /** Every value used, after defaults, config file and command options were merged. */
  params: LavaParams;
  /** Where each param came from: "default", "settings", "config" (source.config) or "command" (shared/params/layers). */
  paramSources?: Partial<Record<keyof LavaParams, string>>;
  /** Adjustments the engine made (e.g. neighbours lowered on small data). */
  notes: string[];
  features: string[];
  droppedFeatures: DroppedFeature[];
  droppedRows: { count: number; examples: { line: number; column: string }[] };
  /** Rows kept (E). */
  rowCount: number;
  /** 1-based file line of each kept row, in file order (for files without lines, its 1-based position). */
  rowLines: Int32Array;
  /** The file's own name of each kept row where it names its rows (an .h5ad's obs_names); absent otherwise. */
  rowNames?: string[];
  metadata: MetadataColumn[];
  /** coords: E x dims, flat row-major. */
  embedding: { columns: string[]; computed: 'given' | 'umap'; dims: number; coords: Float32Array };
  /** l x d, flat row-major. */
  probes: Float32Array;
  /**
   * members: count x size kept-row numbers, flat; locality p's rows are members[p*size .. (p+1)*size), ascending
   * (not nearest to the probe first: nothing reads that order, and ascending rows pack smaller).
   */
  localities: Localities;
  alpha: number;
  beta: number;
  objective: number;
  directEvaluations: number;
  correlationThreshold: number;
  factorization: { method: 'nmf' | 'boolean'; iterations: number; error: number };
  /** How k was set: chosen by stability in params.modulesRange ("auto"), or given ("fixed"). */
  moduleSelection: ModuleSelection;
  /** Strongest first (by strength); ids 0.. in that order. */
  modules: ModuleResult[];
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

export interface ModuleSelection {
  mode: 'auto' | 'fixed';
  chosen: number;
  /** Every k the stability scan tried, in order (empty when k was given and nothing was scanned). */
  candidates: KCandidate[];
  /** The k "auto" chose, kept when k was then changed in the explorer without re-running (mode "fixed"). */
  autoChosen?: number;
}

export interface KCandidate {
  k: number;
  /** The least stable module's stability at this k, in [0, 1]. */
  stability: number;
  /** Relative reconstruction error of the scan's fit at this k. */
  error: number;
}

export interface ModulePair {
  a: string;
  b: string;
  /** The pair's Pearson (or Spearman) r, averaged over the localities where the module is active (shared/result/active.ts). */
  r: number;
  /** Signed weight of the pair in the module's pattern (NMF's H, or Asso's 0/1), the unit the factorization works in. */
  weight: number;
}

export interface ModuleResult {
  id: number;
  /** Its heaviest varying features and the metadata category its active rows mostly are, e.g. "pixel_4_16, pixel_3_16 · 81% label 1". */
  name: string;
  /** Its support: the strongest pairs by |weight| (200, or all non-zero ones when fewer), strongest first. */
  pairs: ModulePair[];
  /** The P signed pattern weights (upper triangle, row-major: ./pairs.ts). */
  pattern: Float32Array;
  /** Per kept row, file order. */
  activity: Float32Array;
  /** Per locality. */
  loadings: Float32Array;
  /** Per feature: sum_j |h(i, j)|. */
  featureWeights: number[];
  /** Localities where the module is active: loading at least half its largest (shared/result/active.ts). */
  localityCount: number;
  /** Share of what the fit reconstructs of the correlations, in [0, 1]; the modules' strengths sum to 1. */
  strength: number;
  /** Mean matched pattern cosine over fits of locality subsamples, in [0, 1] (docs/trust.md). */
  stability: number;
  /** Permutation p-value of its pattern being stronger where it is active than elsewhere (rows shuffled over the map). */
  significance: number;
  /** stability >= params.minStability and significance <= params.maxPValue. */
  strong: boolean;
  /** The pattern-weighted mean of pairs[].r: sum(weight * r) / sum(|weight|). */
  rWhereActive: number;
}

export interface DroppedFeature {
  name: string;
  reason: 'constant' | 'low-variance';
}

export interface Localities {
  count: number;
  size: number;
  members: Int32Array;
}

/** Per kept row. Numeric: NaN where the cell was empty. Text: row i holds categories[codes[i]]. */
export type MetadataColumn =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'text'; categories: string[]; codes: Int32Array };
