// How much each row's neighbourhood changed between two maps of the same rows: the share of its k nearest
// neighbours in A's map that are also among its k nearest in B's (exact kNN, the engine's k-d tree).
import { throwIfCancelled } from '../errors';
import { buildKdTree, knnCancellable } from '../localities/neighbours';
import type { OverlapSummary } from '../../shared/compare/types';

/** Neighbours per row when not asked otherwise: the size of a UMAP neighbourhood (its n_neighbors default). */
export const DEFAULT_OVERLAP_K = 15;

/** Exact kNN yielding to the event loop (the extension host runs this): the same answer as knn. */
async function neighbours(coords: Float32Array, dims: number, E: number, k: number, signal?: AbortSignal): Promise<Int32Array> {
  // knnCancellable looks at the signal only after its first 50 ms: a cancel before a short search counts too.
  throwIfCancelled(signal);
  const Z = Float64Array.from(coords);
  return (await knnCancellable(Z, E, dims, k, buildKdTree(Z, E, dims), signal)).index;
}

/**
 * Per row, |kNN_A(i) ∩ kNN_B(i)| / k, self excluded, as count x (1/k) in Float32 (what the file stores exactly:
 * shared/compare/codec.ts). Both maps hold E rows; k < E. Rejects with LavaCancelled when `signal` aborts.
 */
export async function neighbourhoodOverlap(
  a: { coords: Float32Array; dims: number },
  b: { coords: Float32Array; dims: number },
  E: number,
  k: number,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const na = await neighbours(a.coords, a.dims, E, k, signal);
  const nb = await neighbours(b.coords, b.dims, E, k, signal);
  const out = new Float32Array(E);
  const mark = new Int32Array(E).fill(-1);
  for (let i = 0; i < E; i++) {
    for (let s = 0; s < k; s++) mark[na[i * k + s]] = i;
    let shared = 0;
    for (let s = 0; s < k; s++) if (mark[nb[i * k + s]] === i) shared++;
    out[i] = shared * (1 / k);
  }
  return out;
}

/** The q-quantile of ascending `sorted` by linear interpolation between order statistics (numpy's default). */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function overlapSummary(kept: Float32Array): OverlapSummary {
  const sorted = Float64Array.from(kept).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / sorted.length,
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1],
  };
}
