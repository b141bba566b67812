// Pattern values in a unit a user can read: each pair's correlation, averaged over the localities where the module is active.
import { correlationScratch, supportCorrelations, type Support } from './support';

/**
 * For each support pair, the mean over `places` (locality indices) of its raw correlation among that
 * locality's members (l x n, row-major): "r = 0.62 where M2 is active". Raw, not Step 2's thresholded
 * value: a pair below the Fisher threshold in some active locality counts as what it is there, not 0.
 * Also the pattern-weighted mean over pairs (sum w r / sum |w|), the module's one-number summary.
 */
export function correlationWhereActive(
  s: Support,
  places: ArrayLike<number>,
  members: Int32Array,
  n: number,
  spearman: boolean,
): { pairs: Float64Array; pattern: number } {
  const np = s.pairs.length;
  const sum = new Float64Array(np);
  if (places.length === 0 || np === 0) return { pairs: sum, pattern: 0 };
  const scratch = correlationScratch(s.features.length, n);
  const r = new Float64Array(np);
  for (let i = 0; i < places.length; i++) {
    const p = places[i];
    supportCorrelations(s, members.subarray(p * n, (p + 1) * n), spearman, scratch, r);
    for (let t = 0; t < np; t++) sum[t] += r[t];
  }
  let num = 0;
  let den = 0;
  for (let t = 0; t < np; t++) {
    sum[t] /= places.length;
    num += s.weight[t] * sum[t];
    den += Math.abs(s.weight[t]);
  }
  return { pairs: sum, pattern: den > 0 ? num / den : 0 };
}
