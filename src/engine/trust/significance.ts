// A module's significance: is its pattern stronger, on fresh rows at its places, than on random sets of rows?
import { buildKdTree, nearestToPoints } from '../localities/neighbours';
import type { Localities } from '../types';
import type { Pool } from '../parallel/pool';
import { sharedArray, toShared } from '../parallel/shared';
import { heldOutView, placesMean } from './nullKernel';
import type { Support } from './support';

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
  const out = sharedArray(Int32Array, loc.count * n); // the null's threads read it
  for (let p = 0; p < loc.count; p++) {
    // With E < 2n (never in the pipeline), the last rows repeat the farthest ones.
    for (let s = 0; s < n; s++) out[p * n + s] = near[p * k + Math.min(n + s, k - 1)];
  }
  return out;
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

/** The null's row permutations: `count` of them, each of 0..E-1, one after another in shared memory. */
export interface Permutations {
  rows: Int32Array;
  count: number;
  E: number;
}

/** The null's permutations in parts of the engine's pool: a fixed number, so the thread count changes nothing. */
const NULL_PARTS = 4;

/**
 * The test, for one module: statistic = mean pattern correlation on the held-out rows of its active
 * places minus that of places where it is not active. Under the null (rows of X permuted against the
 * map, `permutations` shared by every module) the two groups are alike and the contrast is ~0.
 * A contrast, not the level at active places alone: where features correlate all over the map
 * (neighbouring pixels), random sets of rows show the pattern as strongly as its own places do; what
 * ties a module to places is that it is there and not elsewhere. `heldOut`: l x n, from heldOutRows,
 * in shared memory. The permutations run on `pool` (nullKernel.ts), each written to its own slot and
 * counted in order here: the same p-value on one thread or two.
 */
export async function moduleSignificance(
  s: Support,
  active: Int32Array,
  elsewhere: Int32Array,
  heldOut: Int32Array,
  n: number,
  permutations: Permutations,
  spearman: boolean,
  pool: Pool,
  signal?: AbortSignal,
): Promise<SignificanceResult> {
  if (active.length === 0 || elsewhere.length === 0 || s.pairs.length === 0)
    return { p: 1, active: 0, elsewhere: 0, nullContrast: 0 };
  const v = heldOutView(s, heldOut, n, spearman);
  const inActive = placesMean(v, active, null);
  const outside = placesMean(v, elsewhere, null);
  const observed = inActive - outside;
  const B = permutations.count;
  const out = sharedArray(Float64Array, B);
  if (B > 0) {
    const { X, Fs } = s;
    const block = { X, Fs, ia: toShared(Int32Array, s.ia), ib: toShared(Int32Array, s.ib), weight: toShared(Float64Array, s.weight) };
    const places = { active: toShared(Int32Array, active), elsewhere: toShared(Int32Array, elsewhere) };
    const { rows: perms, E } = permutations;
    await pool.run('moduleNull', { ...block, ...places, heldOut, n, E, perms, spearman, out }, Math.min(B, NULL_PARTS), signal);
  }
  let atLeast = 0;
  let nullSum = 0;
  for (let b = 0; b < B; b++) {
    nullSum += out[b];
    if (out[b] >= observed) atLeast++;
  }
  return {
    p: (1 + atLeast) / (1 + B),
    active: inActive,
    elsewhere: outside,
    nullContrast: B ? nullSum / B : 0,
  };
}

/** `count` random permutations of 0..E-1 from a seeded uniform source (Fisher-Yates), in shared memory. */
export function rowPermutations(E: number, count: number, uniform: () => number): Permutations {
  const rows = sharedArray(Int32Array, count * E);
  for (let b = 0; b < count; b++) {
    const perm = rows.subarray(b * E, (b + 1) * E);
    for (let i = 0; i < E; i++) perm[i] = i;
    for (let i = E - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }
  return { rows, count, E };
}
