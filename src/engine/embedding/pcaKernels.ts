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

/** Part's rows, centred, times the m x F basis (one component per row): out[i * m + j]. */
export const pcaProject = kernel(
  z.object({
    x: sharedRows,
    F: z.number().int().positive(),
    E: z.number().int().positive(),
    m: z.number().int().positive(),
    mean: shared.f64,
    basis: shared.f64,
    out: shared.f64,
  }),
  (a, part, parts) => {
    const { x, F, m, mean, basis, out } = a;
    const [lo, hi] = partRange(a.E, part, parts);
    const row = new Float64Array(F);
    for (let i = lo; i < hi; i++) {
      for (let f = 0; f < F; f++) row[f] = x[i * F + f] - mean[f];
      for (let j = 0; j < m; j++) {
        const b = j * F;
        let s = 0;
        for (let f = 0; f < F; f++) s += row[f] * basis[b + f];
        out[i * m + j] = s;
      }
    }
    return 0;
  },
);
