// UMAP's k-nearest-neighbour graph: exact by brute force where that is cheap, else approximate: PCA to 50
// components, NN-descent there for 2(k - 1) candidates, re-ranked by their exact distances. On Fashion-MNIST
// that finds 92% (10k rows) and 82% (70k) of the exact 14 nearest, and the map keeps as many neighbours as
// the map of the exact graph: 15-NN preservation at 70k 0.152 against 0.150 (umap-learn's: 0.132). More
// candidates find more (3(k - 1) in 64 components: 94% at 70k) for 60% more kNN time and the same map.
import type { Pool } from '../parallel/pool';
import { sharedArray } from '../parallel/shared';
import type { Rows } from './knnKernels';
import { defaultNnDescent, nnDescent } from './nnDescent';
import { fitPca, projectRows } from './pca';

/** Row i's k neighbours, itself first at distance 0, then the others nearest first (Euclidean distances). */
export interface KnnGraph {
  n: number;
  k: number;
  idx: Int32Array;
  dist: Float64Array;
}

/** Rows projected on their leading principal components (shared), when the approximate search made them. */
export interface Projected {
  P: Float32Array;
  m: number;
}

/** Query rows per part of the exact search and of the re-ranking: enough parts to balance the threads. */
const ROWS_PER_PART = 256;
/** Above this many multiply-adds (E^2 F / 2) the exact search costs more than the approximate one. */
export const EXACT_KNN_BUDGET = 2e9;
/** Components the approximate search works in (Fashion-MNIST, 2(k - 1) candidates: at 10k rows 32 components
 * find 87% of the exact 14 nearest, 50 find 92%; at 70k 50 find 82%, 64 find 87%). Data with up to twice as many columns is searched as it
 * is: a PCA would save at most half the work, and where the variance is spread evenly over the columns it
 * loses neighbours. */
const PCA_DIMS = 50;
/** Candidates re-ranked per neighbour wanted. */
const CANDIDATES_PER_NEIGHBOUR = 2;
/** How far the components need to settle (pca.ts): enough for distances, a few rounds. */
const PCA_TOLERANCE = 1e-3;

/** The exact kNN graph (self included) of the n x D rows of x (shared memory). */
export async function exactKnn(
  x: Rows,
  n: number,
  D: number,
  k: number,
  pool: Pool,
  signal?: AbortSignal,
): Promise<KnnGraph> {
  const idx = sharedArray(Int32Array, n * k);
  const dist = sharedArray(Float64Array, n * k);
  await pool.run(
    'knnExact',
    { x, D, E: n, k, outIdx: idx, outDist: dist },
    Math.ceil(n / ROWS_PER_PART),
    signal,
  );
  return { n, k, idx, dist };
}

/** The approximate kNN graph (self included) of the E x F rows of x, and the projection it searched in. */
export async function approximateKnn(
  x: Float32Array,
  E: number,
  F: number,
  k: number,
  pool: Pool,
  seed: number,
  signal?: AbortSignal,
): Promise<{ graph: KnnGraph; pca: Projected }> {
  let pca: Projected;
  if (F > 2 * PCA_DIMS) {
    const basis = await fitPca(x, E, F, PCA_DIMS, pool, signal, PCA_TOLERANCE);
    pca = { P: await projectRows(x, E, basis, pool, signal), m: basis.m };
  } else pca = { P: x, m: F };
  const K = Math.min(CANDIDATES_PER_NEIGHBOUR * (k - 1), E - 1);
  const nnd = { ...defaultNnDescent(E, K, seed), maxCandidates: Math.max(k - 1, 1) };
  const heaps = await nnDescent(pca.P, E, pca.m, nnd, pool, signal);
  const idx = sharedArray(Int32Array, E * k);
  const dist = sharedArray(Float64Array, E * k);
  const args = { x, D: F, E, k, cand: heaps.idx, K, outIdx: idx, outDist: dist };
  await pool.run('knnRerank', args, Math.ceil(E / ROWS_PER_PART), signal);
  return { graph: { n: E, k, idx, dist }, pca };
}

/** The kNN graph by the search `mode` asks for ('auto': exact when E^2 F / 2 is within EXACT_KNN_BUDGET). */
export async function knnGraph(
  x: Float32Array,
  E: number,
  F: number,
  k: number,
  pool: Pool,
  o: { mode: 'auto' | 'exact' | 'approximate'; seed: number; signal?: AbortSignal },
): Promise<{ graph: KnnGraph; pca: Projected | null }> {
  const exact = o.mode === 'exact' || (o.mode === 'auto' && (E * E * F) / 2 <= EXACT_KNN_BUDGET);
  if (exact) return { graph: await exactKnn(x, E, F, k, pool, o.signal), pca: null };
  return approximateKnn(x, E, F, k, pool, o.seed, o.signal);
}
