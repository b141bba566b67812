// A module's strength: its share of what the fit reconstructs of A.
import type { Values } from '../factorize/sparse';

/**
 * strength_m = <A, w_m h_m^T> / sum_j <A, w_j h_j^T>, over the non-zeros of A (W: l x k, Ht: cols x k,
 * row-major, over A's active columns). Every term is >= 0 (A, W, H are), so the strengths lie in [0, 1]
 * and sum to 1; at a least-squares optimum sum_j <A, w_j h_j^T> = ||W H||^2, so each is the module's
 * part of the reconstructed energy. All zero when nothing is reconstructed.
 */
export function moduleStrength(
  a: { rows: number; rowPtr: Int32Array; col: Int32Array; val: Values },
  W: Float64Array,
  Ht: Float64Array,
  k: number,
): Float64Array {
  const part = new Float64Array(k);
  for (let p = 0; p < a.rows; p++)
    for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) {
      const v = a.val[z];
      const o = p * k;
      const h = a.col[z] * k;
      for (let m = 0; m < k; m++) part[m] += v * W[o + m] * Ht[h + m];
    }
  let total = 0;
  for (let m = 0; m < k; m++) total += part[m];
  if (!(total > 0)) return new Float64Array(k);
  for (let m = 0; m < k; m++) part[m] /= total;
  return part;
}
