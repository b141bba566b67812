// Pearson correlations inside a selection of rows and over all the other rows. The rest is never a second pass
// over the data: the sums over all rows (centred on the global mean, computed once per kept X) minus the
// selection's sums give the rest's, so each selection costs a pass over its own rows only.
import { checkpoint } from '../engine/errors';
import { gramUpper } from '../engine/correlations/correlation';
import { pairCount } from '../shared/result/pairs';

/** Sums of a set of rows, centred on the global mean: count, sum of x - mu, and the upper triangle of sum (x - mu)(x - mu)^T. */
export interface CentredSums {
  n: number;
  /** F values. */
  sum: Float64Array;
  /** F x F row-major; the diagonal and the strict upper triangle are set. */
  cross: Float64Array;
}

/** Rows gathered per kernel call: yT (F x CHUNK) stays small whatever E is. */
const CHUNK = 512;

export function columnMeans(X: Float64Array, E: number, F: number): Float64Array {
  const mean = new Float64Array(F);
  for (let i = 0; i < E; i++) for (let f = 0; f < F; f++) mean[f] += X[i * F + f];
  for (let f = 0; f < F; f++) mean[f] /= E;
  return mean;
}

/**
 * Centred sums over `rows` (all E rows when null). Chunks of rows go through the engine's Gram kernel; the
 * loop yields between chunks so a cancel (the webview asked for another selection) is heard.
 */
export async function centredSums(
  X: Float64Array,
  E: number,
  F: number,
  mean: Float64Array,
  rows: ArrayLike<number> | null,
  signal?: AbortSignal,
): Promise<CentredSums> {
  const n = rows ? rows.length : E;
  const sum = new Float64Array(F);
  const cross = new Float64Array(F * F);
  const part = new Float64Array(F * F);
  const yT = new Float64Array(F * CHUNK);
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    for (let s = 0; s < m; s++) {
      const row = (rows ? rows[start + s] : start + s) * F;
      for (let f = 0; f < F; f++) {
        const y = X[row + f] - mean[f];
        yT[f * m + s] = y;
        sum[f] += y;
        cross[f * F + f] += y * y;
      }
    }
    gramUpper(yT, F, m, part);
    for (let i = 0; i < F; i++) for (let j = i + 1; j < F; j++) cross[i * F + j] += part[i * F + j];
    if (start + CHUNK < n) await checkpoint(signal);
  }
  return { n, sum, cross };
}

/** The sums of the rows in `all` but not in `some` (some is a subset of all). */
export function subtractSums(all: CentredSums, some: CentredSums): CentredSums {
  return {
    n: all.n - some.n,
    sum: all.sum.map((v, f) => v - some.sum[f]),
    cross: all.cross.map((v, k) => v - some.cross[k]),
  };
}

/**
 * Pearson r of every pair from centred sums, as the P-long upper triangle. A feature (nearly) constant in the
 * set has no defined correlation there: its pairs are 0, as in a locality's correlations.
 */
export function correlationsFromSums(s: CentredSums, F: number): Float32Array {
  const out = new Float32Array(pairCount(F));
  if (s.n < 2) return out;
  const sd = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    const ss = s.cross[f * F + f];
    const v = ss - (s.sum[f] * s.sum[f]) / s.n;
    // Relative to the raw sum of squares: cancellation leaves tiny non-zero variances on constant features.
    sd[f] = v > 1e-12 * (ss + 1e-300) ? Math.sqrt(v) : 0;
  }
  let q = 0;
  for (let i = 0; i < F; i++) {
    for (let j = i + 1; j < F; j++, q++) {
      if (sd[i] === 0 || sd[j] === 0) continue;
      const cov = s.cross[i * F + j] - (s.sum[i] * s.sum[j]) / s.n;
      out[q] = Math.max(-1, Math.min(1, cov / (sd[i] * sd[j])));
    }
  }
  return out;
}
