// The significance test's null on the engine's pool: each row permutation's contrast (a module's mean pattern
// correlation on held-out rows at its active places, minus elsewhere) written to its own slot of shared output.
import { z } from 'zod';
import { kernel, partRange } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { correlationScratch, supportCorrelations, type CorrelationScratch, type SupportBlock } from './support';

/** The pattern-weighted mean signed correlation sum_t w_t r_t / sum_t |w_t| of the support pairs over `rows`. */
export function patternCorrelation(
  s: SupportBlock,
  rows: Int32Array,
  spearman: boolean,
  scratch: CorrelationScratch,
  r: Float64Array,
): number {
  supportCorrelations(s, rows, spearman, scratch, r);
  let num = 0;
  let den = 0;
  for (let t = 0; t < s.ia.length; t++) {
    num += s.weight[t] * r[t];
    den += Math.abs(s.weight[t]);
  }
  return den > 0 ? num / den : 0;
}

/** What placesMean reads besides the places: the held-out rows (l x n) and the work buffers. */
export interface HeldOutView {
  s: SupportBlock;
  heldOut: Int32Array;
  n: number;
  spearman: boolean;
  scratch: CorrelationScratch;
  r: Float64Array;
  rows: Int32Array;
}

export function heldOutView(s: SupportBlock, heldOut: Int32Array, n: number, spearman: boolean): HeldOutView {
  const scratch = correlationScratch(s.Fs, n);
  return { s, heldOut, n, spearman, scratch, r: new Float64Array(s.ia.length), rows: new Int32Array(n) };
}

/** The mean pattern correlation over `places`, each on its held-out rows (through `perm` when given: the null). */
export function placesMean(v: HeldOutView, places: Int32Array, perm: Int32Array | null): number {
  const { heldOut, n, rows } = v;
  let sum = 0;
  for (const p of places) {
    for (let z = 0; z < n; z++) rows[z] = perm ? perm[heldOut[p * n + z]] : heldOut[p * n + z];
    sum += patternCorrelation(v.s, rows, v.spearman, v.scratch, v.r);
  }
  return sum / places.length;
}

const args = z.object({
  /** The support block (support.ts). */
  X: shared.f64,
  Fs: z.number().int().positive(),
  ia: shared.i32,
  ib: shared.i32,
  weight: shared.f64,
  /** l x n held-out rows, and the permutations of 0..E-1, one after another. */
  heldOut: shared.i32,
  n: z.number().int().positive(),
  E: z.number().int().positive(),
  perms: shared.i32,
  active: shared.i32,
  elsewhere: shared.i32,
  spearman: z.boolean(),
  /** Out: each permutation's contrast. */
  out: shared.f64,
});

/** Part `part` of the permutations (a fixed cut of out's length): the same sums per permutation as on one thread. */
export const moduleNull = kernel(args, (a, part, parts) => {
  const v = heldOutView({ X: a.X, Fs: a.Fs, ia: a.ia, ib: a.ib, weight: a.weight }, a.heldOut, a.n, a.spearman);
  const [lo, hi] = partRange(a.out.length, part, parts);
  for (let b = lo; b < hi; b++) {
    const perm = a.perms.subarray(b * a.E, (b + 1) * a.E);
    a.out[b] = placesMean(v, a.active, perm) - placesMean(v, a.elsewhere, perm);
  }
  return hi - lo;
});
