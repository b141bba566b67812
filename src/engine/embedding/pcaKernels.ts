// Pool kernels of the PCA that shrinks wide data before the approximate kNN: the covariance of a row sample
// (a partial Gram per part, summed in part order by the caller) and the projection of every row.
import { z } from 'zod';
import { gramUpper } from '../correlations/correlation';
import { kernel, partRange } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { sharedRows } from './knnKernels';

/** Part's share of the sample rows, centred, as F x n (one feature contiguous); its Gram's upper triangle and
 * diagonal go to out[part * F * F ...]. */
export const pcaGram = kernel(
  z.object({
    x: sharedRows,
    F: z.number().int().positive(),
    rows: shared.i32,
    mean: shared.f64,
    out: shared.f64,
  }),
  (a, part, parts) => {
    const { x, F, mean } = a;
    const [lo, hi] = partRange(a.rows.length, part, parts);
    const n = hi - lo;
    const yT = new Float64Array(F * n);
    for (let s = 0; s < n; s++) {
      const o = a.rows[lo + s] * F;
      for (let f = 0; f < F; f++) yT[f * n + s] = x[o + f] - mean[f];
    }
    const out = a.out.subarray(part * F * F, (part + 1) * F * F);
    gramUpper(yT, F, n, out);
    // gramUpper leaves the diagonal of its last F % 4 rows out
    for (let f = 0; f < F; f++) {
      let s = 0;
      for (let t = f * n; t < (f + 1) * n; t++) s += yT[t] * yT[t];
      out[f * F + f] = s;
    }
    return 0;
  },
);

/**
 * Part's rows, centred, times the m x F basis (one component per row): out[i * m + j]. Four rows against four
 * components at a time, as gramUpper (correlation.ts) does: 8 loads for 16 multiply-adds.
 */
export const pcaProject = kernel(
  z.object({
    x: sharedRows,
    F: z.number().int().positive(),
    E: z.number().int().positive(),
    m: z.number().int().positive(),
    mean: shared.f64,
    basis: shared.f64,
    out: shared.f32,
  }),
  (a, part, parts) => {
    const { x, F, m, mean } = a;
    const [lo, hi] = partRange(a.E, part, parts);
    const rows = new Float64Array(4 * F);
    const block = new Float64Array(16);
    for (let i0 = lo; i0 < hi; i0 += 4) {
      rows.fill(0); // fewer than 4 rows left: the rest project to 0 and are not written
      for (let r = 0; r < 4 && i0 + r < hi; r++)
        for (let f = 0; f < F; f++) rows[r * F + f] = x[(i0 + r) * F + f] - mean[f];
      for (let j0 = 0; j0 < m; j0 += 4) {
        project4x4(rows, a.basis, F, j0, Math.min(4, m - j0), block);
        for (let r = 0; r < 4 && i0 + r < hi; r++)
          for (let j = 0; j < 4 && j0 + j < m; j++) a.out[(i0 + r) * m + j0 + j] = block[r * 4 + j];
      }
    }
    return 0;
  },
);

/** The 4 x 4 block of dot products of rows[0..4) with basis rows j0 .. j0 + n (n <= 4; missing ones read row j0). */
// prettier-ignore
function project4x4(rows: Float64Array, basis: Float64Array, F: number, j0: number, n: number, out: Float64Array): void {
  const b0 = j0 * F, b1 = (j0 + (n > 1 ? 1 : 0)) * F, b2 = (j0 + (n > 2 ? 2 : 0)) * F, b3 = (j0 + (n > 3 ? 3 : 0)) * F;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let f = 0; f < F; f++) {
    const x0 = rows[f], x1 = rows[F + f], x2 = rows[2 * F + f], x3 = rows[3 * F + f];
    const z0 = basis[b0 + f], z1 = basis[b1 + f], z2 = basis[b2 + f], z3 = basis[b3 + f];
    c00 += x0 * z0; c01 += x0 * z1; c02 += x0 * z2; c03 += x0 * z3;
    c10 += x1 * z0; c11 += x1 * z1; c12 += x1 * z2; c13 += x1 * z3;
    c20 += x2 * z0; c21 += x2 * z1; c22 += x2 * z2; c23 += x2 * z3;
    c30 += x3 * z0; c31 += x3 * z1; c32 += x3 * z2; c33 += x3 * z3;
  }
  out[0] = c00; out[1] = c01; out[2] = c02; out[3] = c03; out[4] = c10; out[5] = c11; out[6] = c12; out[7] = c13;
  out[8] = c20; out[9] = c21; out[10] = c22; out[11] = c23; out[12] = c30; out[13] = c31; out[14] = c32; out[15] = c33;
}
