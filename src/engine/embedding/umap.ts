// The embedding when the user has none: umap-js over the prepared features, seeded, stepped epoch by epoch
// so that progress is reported and a cancel is seen. Its kNN graph comes from an exact brute-force search when
// that is cheap (bench/kernels/umapKnn.bench.ts), else from umap-js's own NN-descent.
import { UMAP } from 'umap-js';
import { checkpoint } from '../errors';
import { seededUniform } from '../random';

export interface UmapParams {
  seed: number;
  umapNeighbors: number;
  umapMinDist: number;
  umapEpochs: number;
}

export interface UmapOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Where the kNN graph comes from; 'auto' = exact when E²·F is small enough (see EXACT_KNN_BUDGET). */
  knn?: 'auto' | 'exact' | 'nndescent';
}

/** umap-js draws every random number (NN-descent, initial layout, negative samples) from this stream. */
const UMAP_STREAM = 7;
/** Above this many multiply-adds (E²·F/2) the exact search costs more than NN-descent. */
const EXACT_KNN_BUDGET = 2e9;
/** Progress shares: kNN graph, fuzzy set and layout set-up, then the epochs. */
const KNN_SHARE = 0.2;
const INIT_SHARE = 0.1;

/** A 2-D UMAP of the E x F rows of X (row-major); returns E x 2 coordinates, row-major. Same seed, same map. */
export async function computeUmap(
  X: Float64Array,
  E: number,
  F: number,
  p: UmapParams,
  opts: UmapOptions = {},
): Promise<Float64Array> {
  const nNeighbors = Math.min(p.umapNeighbors, E - 1);
  if (nNeighbors < 2) throw new RangeError(`computeUmap: ${E} rows are too few for a UMAP`);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: p.umapMinDist,
    nEpochs: p.umapEpochs,
    random: seededUniform(p.seed, UMAP_STREAM),
  });
  const rows: number[][] = new Array<number[]>(E);
  for (let i = 0; i < E; i++) rows[i] = Array.from(X.subarray(i * F, (i + 1) * F));

  const mode = opts.knn ?? 'auto';
  if (mode === 'exact' || (mode === 'auto' && (E * E * F) / 2 <= EXACT_KNN_BUDGET)) {
    const { indices, distances } = await exactKnnWithSelf(X, E, F, nNeighbors, opts.signal);
    umap.setPrecomputedKNN(indices, distances);
  }
  opts.onProgress?.(KNN_SHARE);
  await checkpoint(opts.signal);

  const nEpochs = umap.initializeFit(rows);
  opts.onProgress?.(KNN_SHARE + INIT_SHARE);
  // Yield about every 50 ms worth of epochs: often enough for a cancel to land, rarely enough to cost nothing.
  let last = performance.now();
  for (let e = 0; e < nEpochs; e++) {
    umap.step();
    if (performance.now() - last > 50 || e === nEpochs - 1) {
      opts.onProgress?.(KNN_SHARE + INIT_SHARE + ((1 - KNN_SHARE - INIT_SHARE) * (e + 1)) / nEpochs);
      await checkpoint(opts.signal);
      last = performance.now();
    }
  }
  const emb = umap.getEmbedding();
  const out = new Float64Array(E * 2);
  for (let i = 0; i < E; i++) {
    out[2 * i] = emb[i][0];
    out[2 * i + 1] = emb[i][1];
  }
  return out;
}

/**
 * Exact Euclidean kNN in the shape umap-js expects: row i starts with i itself at distance 0, then its k - 1
 * nearest others (ties by lower index). Each pair is measured once and offered to both rows' heaps.
 */
export async function exactKnnWithSelf(
  X: Float64Array,
  E: number,
  F: number,
  k: number,
  signal?: AbortSignal,
): Promise<{ indices: number[][]; distances: number[][] }> {
  const m = k - 1;
  const heapD = new Float64Array(E * m).fill(Infinity);
  const heapI = new Int32Array(E * m).fill(0x7fffffff);
  for (let i = 0; i < E; i++) {
    const oi = i * F;
    for (let j = i + 1; j < E; j++) {
      const oj = j * F;
      let s = 0;
      for (let c = 0; c < F; c++) {
        const g = X[oi + c] - X[oj + c];
        s += g * g;
      }
      offer(heapD, heapI, i * m, m, s, j);
      offer(heapD, heapI, j * m, m, s, i);
    }
    if ((i & 255) === 255) await checkpoint(signal);
  }
  const indices: number[][] = new Array<number[]>(E);
  const distances: number[][] = new Array<number[]>(E);
  const order = new Array<number>(m);
  for (let i = 0; i < E; i++) {
    const b = i * m;
    for (let t = 0; t < m; t++) order[t] = t;
    order.sort((u, v) => heapD[b + u] - heapD[b + v] || heapI[b + u] - heapI[b + v]);
    const ri = [i];
    const rd = [0];
    for (const t of order) {
      ri.push(heapI[b + t]);
      rd.push(Math.sqrt(heapD[b + t]));
    }
    indices[i] = ri;
    distances[i] = rd;
  }
  return { indices, distances };
}

/** Offer (s, j) to the bounded max-heap at heap[b, b + m), keyed by (squared distance, index); starts full of +Inf. */
function offer(heapD: Float64Array, heapI: Int32Array, b: number, m: number, s: number, j: number): void {
  if (s > heapD[b] || (s === heapD[b] && j > heapI[b])) return;
  let p = 0;
  while (true) {
    let c = 2 * p + 1;
    if (c >= m) break;
    if (
      c + 1 < m &&
      (heapD[b + c + 1] > heapD[b + c] ||
        (heapD[b + c + 1] === heapD[b + c] && heapI[b + c + 1] > heapI[b + c]))
    )
      c++;
    if (heapD[b + c] < s || (heapD[b + c] === s && heapI[b + c] < j)) break;
    heapD[b + p] = heapD[b + c];
    heapI[b + p] = heapI[b + c];
    p = c;
  }
  heapD[b + p] = s;
  heapI[b + p] = j;
}
