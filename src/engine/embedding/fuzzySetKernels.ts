// Pool kernels of UMAP's fuzzy simplicial set (fuzzySet.ts), each part a fixed range of rows that writes only
// its own rows, so an abort stops the set between parts and the graph is the same bytes on any threads.
import { z } from 'zod';
import { kernel, partRange } from '../parallel/kernel';
import { shared } from '../parallel/shared';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
const BISECTION_ROUNDS = 64;

/**
 * Row i's rho (distance to the nearest other) and sigma, such that sum_j exp(-(d_ij - rho) / sigma) over the
 * row's k sorted distances from `b` = log2(k): umap-learn's smooth_knn_dist with local_connectivity 1 and
 * bandwidth 1. `meanAll` is the mean of every distance (the floor of a row with no positive distance).
 */
export function smoothRow(
  dist: Float64Array,
  b: number,
  k: number,
  meanAll: number,
): { rho: number; sigma: number } {
  const target = Math.log2(k);
  let rho = 0;
  let rowSum = 0;
  for (let t = b; t < b + k; t++) {
    rowSum += dist[t];
    if (rho === 0 && dist[t] > 0) rho = dist[t]; // rows are sorted: the first positive is the nearest
  }
  let lo = 0;
  let hi = Infinity;
  let mid = 1;
  for (let round = 0; round < BISECTION_ROUNDS; round++) {
    let psum = 0;
    for (let t = b + 1; t < b + k; t++) {
      const d = dist[t] - rho;
      psum += d > 0 ? Math.exp(-(d / mid)) : 1;
    }
    if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
    if (psum > target) {
      hi = mid;
      mid = (lo + hi) / 2;
    } else {
      lo = mid;
      mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
    }
  }
  const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowSum / k : meanAll);
  return { rho, sigma: Math.max(mid, floor) };
}

/** Each kNN edge's membership exp(-(d - rho) / sigma) (1 within rho), into memb (n x k); 0 for self and gaps. */
export const fuzzyMembership = kernel(
  z.object({
    idx: shared.i32,
    dist: shared.f64,
    n: z.number().int().positive(),
    k: z.number().int().positive(),
    meanAll: z.number(),
    memb: shared.f64,
  }),
  ({ idx, dist, n, k, meanAll, memb }, part, parts) => {
    const [lo, hi] = partRange(n, part, parts);
    for (let i = lo; i < hi; i++) {
      const { rho, sigma } = smoothRow(dist, i * k, k, meanAll);
      for (let t = i * k; t < (i + 1) * k; t++) {
        const j = idx[t];
        const d = dist[t] - rho;
        memb[t] = j < 0 || j === i ? 0 : d <= 0 || sigma === 0 ? 1 : Math.exp(-(d / sigma));
      }
    }
    return 0;
  },
);

/**
 * Sorts each row's entries [ptr[i], ptr[i+1]) of (other, val) by column and merges the (at most two) entries of
 * a column as a + b - a*b, writing the merged row from ptr[i] in col/w and its length in len[i]; zeros dropped.
 */
export const fuzzyMerge = kernel(
  z.object({
    ptr: shared.i32,
    other: shared.i32,
    val: shared.f64,
    n: z.number().int().positive(),
    col: shared.i32,
    w: shared.f64,
    len: shared.i32,
  }),
  ({ ptr, other, val, n, col, w, len }, part, parts) => {
    const [lo, hi] = partRange(n, part, parts);
    const order: number[] = [];
    for (let i = lo; i < hi; i++) {
      order.length = 0;
      for (let t = ptr[i]; t < ptr[i + 1]; t++) order.push(t);
      order.sort((u, v) => other[u] - other[v] || u - v);
      let o = ptr[i];
      for (let s = 0; s < order.length; s++) {
        const j = other[order[s]];
        let v = val[order[s]];
        if (s + 1 < order.length && other[order[s + 1]] === j) {
          const b = val[order[++s]];
          v = v + b - v * b;
        }
        if (v === 0) continue;
        col[o] = j;
        w[o++] = v;
      }
      len[i] = o - ptr[i];
    }
    return 0;
  },
);
