// A run's result in memory, per-row arrays as typed arrays: what a run returns, what the CLI prints a summary of,
// what the webview shows. Its file form (./encode.ts, ./decode.ts) packs those arrays; bump SCHEMA_VERSION on
// any change to that form that an old reader would misread.
import type { LavaParams } from '../params/types';

/** 2: per-row arrays packed (./packed.ts), members ascending within a locality, text metadata as categories. */
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
  /** 1-based file line of each kept row, in file order. */
  rowLines: Int32Array;
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
  modules: ModuleResult[];
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

export interface ModulePair {
  a: string;
  b: string;
  /** Signed weight of the pair in the module's pattern. */
  r: number;
}

export interface ModuleResult {
  id: number;
  /** A short name made from the strongest pairs, e.g. "f001~f007, f003~f009". */
  name: string;
  /** The strongest pairs (at least 200 where that many are non-zero), strongest first. */
  pairs: ModulePair[];
  /** The P signed pattern weights (upper triangle, row-major: ./pairs.ts). */
  pattern: Float32Array;
  /** Per kept row, file order. */
  activity: Float32Array;
  /** Per locality. */
  loadings: Float32Array;
  /** Per feature: sum_j |h(i, j)|. */
  featureWeights: number[];
  /** Localities whose loading is at least half the module's largest. */
  localityCount: number;
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
