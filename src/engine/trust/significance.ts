// A module's significance: is its pattern stronger, on fresh rows at its places, than on random sets of rows?
import { buildKdTree, nearestToPoints } from '../localities/neighbours';
import type { Localities } from '../types';
import { correlationScratch, supportCorrelations, type CorrelationScratch, type Support } from './support';

/**
 * Per locality, the n rows nearest its probe after its own n members (ranks n+1..2n), l x n row-major.
 * A module's pattern was fitted to its localities' members, chance correlations included; on these
 * rows, at the same place, only what is really there comes back (docs/trust.md: the selection bias).
 * n <= E/3 always (the pipeline lowers it), so 2n rows exist.
 */
export function heldOutRows(Z: Float64Array, E: number, d: number, loc: Localities): Int32Array {
  const n = loc.size;
  const near = nearestToPoints(Z, E, d, loc.probes, loc.count, Math.min(2 * n, E), buildKdTree(Z, E, d)).index;
  const k = near.length / loc.count;
  const out = new Int32Array(loc.count * n);
  for (let p = 0; p < loc.count; p++) {
    // With E < 2n (never in the pipeline), the last rows repeat the farthest ones.
    for (let s = 0; s < n; s++) out[p * n + s] = near[p * k + Math.min(n + s, k - 1)];
  }
  return out;
}

/** The pattern-weighted mean signed correlation sum_t w_t r_t / sum_t |w_t| of the support pairs over `rows`. */
export function patternCorrelation(
  s: Support,
  rows: Int32Array,
  spearman: boolean,
  scratch: CorrelationScratch,
  r: Float64Array,
): number {
  supportCorrelations(s, rows, spearman, scratch, r);
  let num = 0;
  let den = 0;
  for (let t = 0; t < s.pairs.length; t++) {
    num += s.weight[t] * r[t];
    den += Math.abs(s.weight[t]);
  }
  return den > 0 ? num / den : 0;
}

export interface SignificanceResult {
  /** Permutation p-value, (1 + #{null >= observed}) / (1 + B); 1 when there is nothing to contrast. */
  p: number;
  /** Mean pattern correlation on the held-out rows of the active places, and of the places elsewhere. */
  active: number;
  elsewhere: number;
  /** The statistic's (active - elsewhere) mean under the null. */
  nullContrast: number;
}

/**
 * The test, for one module: statistic = mean pattern correlation on the held-out rows of its active
 * places minus that of places where it is not active. Under the null (rows of X permuted against the
 * map, `permutations` shared by every module) the two groups are alike and the contrast is ~0.
 * A contrast, not the level at active places alone: where features correlate all over the map
 * (neighbouring pixels), random sets of rows show the pattern as strongly as its own places do; what
 * ties a module to places is that it is there and not elsewhere. `heldOut`: l x n, from heldOutRows.
 */
export function moduleSignificance(
  s: Support,
  active: Int32Array,
  elsewhere: Int32Array,
  heldOut: Int32Array,
  n: number,
  permutations: Int32Array[],
  spearman: boolean,
): SignificanceResult {
  if (active.length === 0 || elsewhere.length === 0 || s.pairs.length === 0)
    return { p: 1, active: 0, elsewhere: 0, nullContrast: 0 };
  const scratch = correlationScratch(s.features.length, n);
  const r = new Float64Array(s.pairs.length);
  const rows = new Int32Array(n);
  const mean = (places: Int32Array, perm: Int32Array | null): number => {
    let sum = 0;
    for (const p of places) {
      for (let z = 0; z < n; z++) rows[z] = perm ? perm[heldOut[p * n + z]] : heldOut[p * n + z];
      sum += patternCorrelation(s, rows, spearman, scratch, r);
    }
    return sum / places.length;
  };
  const inActive = mean(active, null);
  const outside = mean(elsewhere, null);
  const observed = inActive - outside;
  let atLeast = 0;
  let nullSum = 0;
  for (const perm of permutations) {
    const t = mean(active, perm) - mean(elsewhere, perm);
    nullSum += t;
    if (t >= observed) atLeast++;
  }
  return {
    p: (1 + atLeast) / (1 + permutations.length),
    active: inActive,
    elsewhere: outside,
    nullContrast: permutations.length ? nullSum / permutations.length : 0,
  };
}

/** `count` random permutations of 0..E-1 from a seeded uniform source (Fisher-Yates). */
export function rowPermutations(E: number, count: number, uniform: () => number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let b = 0; b < count; b++) {
    const perm = Int32Array.from({ length: E }, (_, i) => i);
    for (let i = E - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    out.push(perm);
  }
  return out;
}
