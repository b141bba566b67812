// The embedding when the user has none: UMAP over the prepared features, on the engine's worker pool.
// umap-js used to do all of it; it now gives only the curve parameters (a, b). Its NN-descent was ~70% of a
// 10,000-row run and its fuzzy set and one-thread epochs most of the rest, so each step is ours over typed
// arrays (bench/kernels/umapLayout.bench.ts compares them on the same graph):
//   kNN      exact by brute force when E^2 F is small, else PCA to 50 components, NN-descent there, and the
//            2(k - 1) best candidates re-ranked by their exact distances (knn.ts)
//   graph    umap-learn's fuzzy simplicial set (fuzzySet.ts)
//   start    the first two principal components, scaled to [0, 10] as umap-learn scales its start
//   epochs   umap-learn's schedule; each vertex moves itself against the epoch's snapshot (layoutKernel.ts),
//            so the map is the same bytes on one thread or many. No Hogwild (lock-free shared updates):
//            it would make every run differ.
// Epochs: a fixed default of 200 (params/types.ts), not umap-learn's 500 up to 10,000 rows: our epochs at 200
// already keep more neighbours than umap-learn's at 500 (15-NN preservation on Fashion-MNIST 10k: 0.304 against
// 0.280; npm run bench -- --only umap-fashion), and 500 would cost 2.5 times the epochs' time for no target.
import { LavaCancelled } from '../../shared/errors';
import { checkpoint } from '../errors';
import { Pool } from '../parallel/pool';
import { toShared } from '../parallel/shared';
import { fuzzySimplicialSet } from './fuzzySet';
import { knnGraph } from './knn';
import { optimizeLayout } from './layout';
import { initialLayout } from './initialLayout';

export interface UmapParams {
  seed: number;
  umapNeighbors: number;
  umapMinDist: number;
  umapEpochs: number;
}

export interface UmapOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Where the kNN graph comes from; 'auto' = exact when E^2 F is small enough (knn.ts). */
  knn?: 'auto' | 'exact' | 'approximate';
  /** The pool to run on; default a pool of its own (os.availableParallelism() threads), ended at the return. */
  pool?: Pool;
}

/** Progress shares: the kNN graph, then the fuzzy set and the start, then the epochs. */
const KNN_SHARE = 0.3;
const INIT_SHARE = 0.05;

/** A 2-D UMAP of the E x F rows of X (row-major); returns E x 2 coordinates, row-major. Same seed, same map. */
export async function computeUmap(
  X: Float64Array,
  E: number,
  F: number,
  p: UmapParams,
  opts: UmapOptions = {},
): Promise<Float64Array> {
  const k = Math.min(p.umapNeighbors, E - 1);
  if (k < 2) throw new RangeError(`computeUmap: ${E} rows are too few for a UMAP`);
  if (opts.signal?.aborted) throw new LavaCancelled();
  const pool = opts.pool ?? new Pool();
  try {
    // The pool's threads read the rows in place: one shared Float32 copy (umap-learn also works in float32).
    const x = toShared(Float32Array, X);
    const { graph, pca } = await knnGraph(x, E, F, k, pool, {
      mode: opts.knn ?? 'auto',
      seed: p.seed,
      signal: opts.signal,
    });
    opts.onProgress?.(KNN_SHARE);
    const fuzzy = await fuzzySimplicialSet(graph, pool, opts.signal);
    const init = await initialLayout(x, E, F, pca, pool, p.seed, opts.signal);
    opts.onProgress?.(KNN_SHARE + INIT_SHARE);
    await checkpoint(opts.signal);
    const layout = { nEpochs: p.umapEpochs, minDist: p.umapMinDist, seed: p.seed };
    const rest = 1 - KNN_SHARE - INIT_SHARE;
    return await optimizeLayout(fuzzy, init, layout, pool, {
      signal: opts.signal,
      onEpoch: (f) => opts.onProgress?.(1 - rest * (1 - f)),
    });
  } finally {
    if (!opts.pool) await pool.dispose();
  }
}
