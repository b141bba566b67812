// UMAP's fuzzy simplicial set in typed arrays, as umap-learn computes it (smooth_knn_dist,
// compute_membership_strengths, fuzzy union A + Aᵀ - A∘Aᵀ): umap-js builds it in string-keyed Maps, which
// takes seconds and hundreds of MB at 70,000 rows (bench/kernels/umapLayout.bench.ts). The per-row work runs
// on the pool by row ranges (fuzzySetKernels.ts), so an abort lands between parts; what stays on the calling
// thread is two linear passes (bucketing the edges by row, compacting the merged rows).
import type { Pool } from '../parallel/pool';
import { sharedArray, toShared } from '../parallel/shared';
import type { KnnGraph } from './knn';

/** A symmetric sparse graph in compressed rows: row i's columns (ascending) and weights at [ptr[i], ptr[i+1]). */
export interface FuzzyGraph {
  n: number;
  ptr: Int32Array;
  col: Int32Array;
  w: Float64Array;
}

/** Rows per part of the fuzzy set's kernels: an abort waits for at most one such part per thread. */
const ROWS_PER_PART = 1024;

/** The fuzzy union of the kNN memberships: w_ij = a + b - a*b with a, b the two directed memberships. */
export async function fuzzySimplicialSet(g: KnnGraph, pool: Pool, signal?: AbortSignal): Promise<FuzzyGraph> {
  const { n, k } = g;
  const idx = toShared(Int32Array, g.idx);
  const dist = toShared(Float64Array, g.dist);
  const parts = Math.ceil(n / ROWS_PER_PART);
  let total = 0;
  for (let t = 0; t < n * k; t++) total += dist[t];
  const memb = sharedArray(Float64Array, n * k);
  await pool.run('fuzzyMembership', { idx, dist, n, k, meanAll: total / (n * k), memb }, parts, signal);
  // Every directed membership twice, once as (i, j) and once as (j, i), bucketed by row.
  const ptr = sharedArray(Int32Array, n + 1);
  for (let i = 0; i < n; i++)
    for (let t = i * k; t < (i + 1) * k; t++) {
      const j = idx[t];
      if (j < 0 || j === i) continue;
      ptr[i + 1]++;
      ptr[j + 1]++;
    }
  for (let i = 0; i < n; i++) ptr[i + 1] += ptr[i];
  const fill = ptr.slice(0, n);
  const other = sharedArray(Int32Array, ptr[n]);
  const val = sharedArray(Float64Array, ptr[n]);
  for (let i = 0; i < n; i++)
    for (let t = i * k; t < (i + 1) * k; t++) {
      const j = idx[t];
      if (j < 0 || j === i) continue;
      other[fill[i]] = j;
      val[fill[i]++] = memb[t];
      other[fill[j]] = i;
      val[fill[j]++] = memb[t];
    }
  const merged = {
    col: sharedArray(Int32Array, ptr[n]),
    w: sharedArray(Float64Array, ptr[n]),
    len: sharedArray(Int32Array, n),
  };
  await pool.run('fuzzyMerge', { ptr, other, val, n, ...merged }, parts, signal);
  return compact(n, ptr, merged);
}

/** The merged rows, each written from its bucket's start, packed end to end. */
function compact(
  n: number,
  ptr: Int32Array,
  m: { col: Int32Array; w: Float64Array; len: Int32Array },
): FuzzyGraph {
  const outPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) outPtr[i + 1] = outPtr[i] + m.len[i];
  const col = new Int32Array(outPtr[n]);
  const w = new Float64Array(outPtr[n]);
  for (let i = 0; i < n; i++) {
    col.set(m.col.subarray(ptr[i], ptr[i] + m.len[i]), outPtr[i]);
    w.set(m.w.subarray(ptr[i], ptr[i] + m.len[i]), outPtr[i]);
  }
  return { n, ptr: outPtr, col, w };
}
