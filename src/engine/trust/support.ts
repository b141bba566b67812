// A module's support (its strongest pairs and the features they touch) and the raw correlations of those pairs in any set of rows.
import { standardizeLocality } from '../correlations/correlation';
import { strongestPairs } from '../modules';
import { pairOf } from '../../shared/result/pairs';
import { sharedArray } from '../parallel/shared';

/** What the correlations of a module's pairs need: the pairs as two columns each of a small E x Fs block of X. */
export interface SupportBlock {
  /** The signed pattern weight of each pair. */
  weight: Float64Array;
  /** Each pair as two positions into the block's columns. */
  ia: Int32Array;
  ib: Int32Array;
  /** E x Fs: the support features' columns of X, row-major (in shared memory: the null's threads read it). */
  X: Float64Array;
  Fs: number;
}

/** A module's strongest pairs, with the features they touch gathered into a small E x Fs block of X. */
export interface Support extends SupportBlock {
  /** Pair indices q (into the full P), strongest first. */
  pairs: Int32Array;
  /** Feature indices (into the full F) touched by the pairs, ascending: the block's columns. */
  features: Int32Array;
}

/** The `count` strongest pairs of pattern h and the columns of X they need. */
export function moduleSupport(h: Float32Array, count: number, X: Float64Array, E: number, F: number): Support {
  const pairs = strongestPairs(h, count);
  const used = new Int32Array(F).fill(-1);
  const ends = Array.from(pairs, (q) => pairOf(q, F));
  for (const [i, j] of ends) used[i] = used[j] = 0;
  const list: number[] = [];
  for (let f = 0; f < F; f++) if (used[f] === 0) list.push(f);
  const features = Int32Array.from(list);
  features.forEach((f, s) => (used[f] = s));
  const Fs = features.length;
  const Xs = sharedArray(Float64Array, E * Fs);
  for (let r = 0; r < E; r++) for (let s = 0; s < Fs; s++) Xs[r * Fs + s] = X[r * F + features[s]];
  return {
    pairs,
    weight: Float64Array.from(pairs, (q) => h[q]),
    features,
    ia: Int32Array.from(ends, ([i]) => used[i]),
    ib: Int32Array.from(ends, ([, j]) => used[j]),
    X: Xs,
    Fs,
  };
}

/** Reusable buffers for supportCorrelations on sets of up to n rows. */
export interface CorrelationScratch {
  yT: Float64Array;
  undef: Uint8Array;
  v: Float64Array;
  r: Float64Array;
  order: Int32Array;
}

export function correlationScratch(Fs: number, n: number): CorrelationScratch {
  return {
    yT: new Float64Array(Fs * n),
    undef: new Uint8Array(Fs),
    v: new Float64Array(n),
    r: new Float64Array(n),
    order: new Int32Array(n),
  };
}

/**
 * The raw (not thresholded) Pearson or Spearman correlation of each support pair over the rows `rows`,
 * into out (length = pair count), standardized exactly as Step 2 does; 0 where a feature is constant there.
 */
export function supportCorrelations(
  s: SupportBlock,
  rows: Int32Array,
  spearman: boolean,
  scratch: CorrelationScratch,
  out: Float64Array,
): void {
  const { Fs } = s;
  const n = rows.length;
  const yT = scratch.yT.subarray(0, Fs * n);
  standardizeLocality(s.X, Fs, rows, spearman, yT, scratch.undef, scratch);
  for (let t = 0; t < s.ia.length; t++) {
    const a = s.ia[t] * n;
    const b = s.ib[t] * n;
    let dot = 0;
    for (let k = 0; k < n; k++) dot += yT[a + k] * yT[b + k];
    out[t] = Math.max(-1, Math.min(1, dot));
  }
}
