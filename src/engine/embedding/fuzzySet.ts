// UMAP's fuzzy simplicial set in typed arrays, as umap-learn computes it (smooth_knn_dist,
// compute_membership_strengths, fuzzy union A + Aᵀ - A∘Aᵀ): umap-js builds it in string-keyed Maps, which
// takes seconds and hundreds of MB at 70,000 rows (bench/kernels/umapLayout.bench.ts).
import type { KnnGraph } from './knn';

/** A symmetric sparse graph in compressed rows: row i's columns (ascending) and weights at [ptr[i], ptr[i+1]). */
export interface FuzzyGraph {
  n: number;
  ptr: Int32Array;
  col: Int32Array;
  w: Float64Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
const BISECTION_ROUNDS = 64;

/**
 * Per row, rho (distance to the nearest other) and sigma, such that sum_j exp(-(d_ij - rho) / sigma) over the
 * row's neighbours = log2(k): umap-learn's smooth_knn_dist with local_connectivity 1 and bandwidth 1.
 */
export function smoothKnnDistances(g: KnnGraph): { rho: Float64Array; sigma: Float64Array } {
  const { n, k, dist } = g;
  const target = Math.log2(k);
  const rho = new Float64Array(n);
  const sigma = new Float64Array(n);
  let total = 0;
  for (let t = 0; t < n * k; t++) total += dist[t];
  const meanAll = total / (n * k);
  for (let i = 0; i < n; i++) {
    const b = i * k;
    let rowSum = 0;
    for (let t = b; t < b + k; t++) {
      rowSum += dist[t];
      if (rho[i] === 0 && dist[t] > 0) rho[i] = dist[t]; // rows are sorted: the first positive is the nearest
    }
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let round = 0; round < BISECTION_ROUNDS; round++) {
      let psum = 0;
      for (let t = b + 1; t < b + k; t++) {
        const d = dist[t] - rho[i];
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
    const floor = MIN_K_DIST_SCALE * (rho[i] > 0 ? rowSum / k : meanAll);
    sigma[i] = Math.max(mid, floor);
  }
  return { rho, sigma };
}

/** The fuzzy union of the kNN memberships: w_ij = a + b - a*b with a, b the two directed memberships. */
export function fuzzySimplicialSet(g: KnnGraph): FuzzyGraph {
  const { n, k, idx, dist } = g;
  const { rho, sigma } = smoothKnnDistances(g);
  // Every directed membership twice, once as (i, j) and once as (j, i), bucketed by row.
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    for (let t = i * k; t < (i + 1) * k; t++) {
      const j = idx[t];
      if (j < 0 || j === i) continue;
      count[i + 1]++;
      count[j + 1]++;
    }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n);
  const other = new Int32Array(count[n]);
  const val = new Float64Array(count[n]);
  for (let i = 0; i < n; i++)
    for (let t = i * k; t < (i + 1) * k; t++) {
      const j = idx[t];
      if (j < 0 || j === i) continue;
      const d = dist[t] - rho[i];
      const v = d <= 0 || sigma[i] === 0 ? 1 : Math.exp(-(d / sigma[i]));
      other[fill[i]] = j;
      val[fill[i]++] = v;
      other[fill[j]] = i;
      val[fill[j]++] = v;
    }
  return mergeRows(n, count, other, val);
}

/** Sorts each row's entries by column and merges the (at most two) entries of a column: a + b - a*b. */
function mergeRows(n: number, ptr: Int32Array, other: Int32Array, val: Float64Array): FuzzyGraph {
  const outPtr = new Int32Array(n + 1);
  const col = new Int32Array(other.length);
  const w = new Float64Array(other.length);
  const order: number[] = [];
  let o = 0;
  for (let i = 0; i < n; i++) {
    order.length = 0;
    for (let t = ptr[i]; t < ptr[i + 1]; t++) order.push(t);
    order.sort((u, v) => other[u] - other[v] || u - v);
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
    outPtr[i + 1] = o;
  }
  return { n, ptr: outPtr, col: col.slice(0, o), w: w.slice(0, o) };
}
