// A comparison of two results of the same rows in memory: which modules match, which are only in one, and how
// much each row's neighbourhood changed between the two maps. Its file form: ./codec.ts (kind "lava-comparison").

/** 1: the first form. Bump on any change an old reader would misread. */
export const COMPARISON_SCHEMA_VERSION = 1 as const;
export const COMPARISON_KIND = 'lava-comparison' as const;

/** One of the two results compared. */
export interface ComparedInput {
  /** The result file; relative to the comparison file's folder with "/" separators on disk. */
  file: string;
  rows: number;
  modules: number;
  /** How many of its modules are marked strong (absent when the result marks none: no trust step ran). */
  strong?: number;
  /** The module ids marked strong (absent as `strong` is). */
  strongIds?: number[];
  embedding: { computed: 'given' | 'umap'; columns: string[] };
}

export interface MatchedPair {
  /** Module id in A, module id in B. */
  a: number;
  b: number;
  /** Cosine of their signed pair patterns over the features both results hold. */
  cosine: number;
}

/** How the per-row kNN overlap is spread: values in 0..1, quartiles by linear interpolation (numpy's default). */
export interface OverlapSummary {
  mean: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface Comparison {
  kind: typeof COMPARISON_KIND;
  schemaVersion: typeof COMPARISON_SCHEMA_VERSION;
  tool: { name: 'lava-explorer'; version: string };
  a: ComparedInput;
  b: ComparedInput;
  /** The smallest pattern cosine that counts as a match. */
  threshold: number;
  /** Features the patterns were compared over: both results' (by name), and how many each holds. */
  features: { common: number; a: number; b: number };
  /** Best assignment first by cosine, descending. */
  matched: MatchedPair[];
  /** Module ids with no match (ascending). */
  onlyA: number[];
  onlyB: number[];
  /** Strong modules of A with no match: what `lava compare --fail-on-lost-strong` fails on. */
  lostStrong: number[];
  neighbourhood: {
    /** Neighbours per row in each map. */
    k: number;
    summary: OverlapSummary;
    /** Per row: |kNN in A's map ∩ kNN in B's map| / k. */
    kept: Float32Array;
  };
  notes: string[];
}
