// The versioned result JSON: what a run writes, what the CLI prints a summary of, what the webview shows.
// Bump SCHEMA_VERSION on any change that an old reader would misread.
import type { LavaParams } from '../params/types';

export const SCHEMA_VERSION = 1 as const;

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
  rowLines: number[];
  metadata: MetadataColumn[];
  embedding: { columns: string[]; computed: 'given' | 'umap'; dims: number; coords: number[] };
  /** l x d, flat row-major. */
  probes: number[];
  localities: { count: number; size: number; members: number[][] };
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
  /** base64 of a little-endian Float32Array of the P signed pattern weights (upper triangle, row-major). */
  pattern: string;
  /** Per kept row, file order. */
  activity: number[];
  /** Per locality. */
  loadings: number[];
  /** Per feature: sum_j |h(i, j)|. */
  featureWeights: number[];
  /** Localities whose loading is at least half the module's largest. */
  localityCount: number;
}

export interface DroppedFeature {
  name: string;
  reason: 'constant' | 'low-variance';
}

export type MetadataColumn =
  | { name: string; kind: 'numeric'; values: number[] }
  | { name: string; kind: 'text'; values: string[] };
