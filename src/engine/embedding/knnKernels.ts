// Pool kernels of the exact kNN and of the re-ranking of approximate candidates: each part owns a range of
// query rows and writes only their rows of the output, so the result does not depend on the threads.
import { z } from 'zod';
import { kernel, partRange } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { heapPush, sortedRow, type KnnHeaps } from './knnHeap';

/** Row-major data in shared memory: Float32 for the input features, Float64 for derived coordinates. */
export const sharedRows = z.union([shared.f32, shared.f64]);
export type Rows = Float32Array | Float64Array;

/** Squared Euclidean distance between rows a and b of `x` (D columns). Four running sums: V8 does not
 * vectorise, and one sum waits on each add (bench/kernels/umapKnn.bench.ts). */
export function dist2(x: Rows, D: number, a: number, b: number): number {
  const oa = a * D;
  const ob = b * D;
  const D4 = D - (D & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < D4; c += 4) {
    const g0 = x[oa + c] - x[ob + c];
    const g1 = x[oa + c + 1] - x[ob + c + 1];
    const g2 = x[oa + c + 2] - x[ob + c + 2];
    const g3 = x[oa + c + 3] - x[ob + c + 3];
    s0 += g0 * g0;
    s1 += g1 * g1;
    s2 += g2 * g2;
    s3 += g3 * g3;
  }
  for (let c = D4; c < D; c++) {
    const g = x[oa + c] - x[ob + c];
    s0 += g * g;
  }
  return s0 + s1 + (s2 + s3);
}

/** Dot product of row a of `x` (D columns) with w[0, D), four running sums as dist2. */
export function dotRow(x: Rows, D: number, a: number, w: Float64Array): number {
  const oa = a * D;
  const D4 = D - (D & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < D4; c += 4) {
    s0 += w[c] * x[oa + c];
    s1 += w[c + 1] * x[oa + c + 1];
    s2 += w[c + 2] * x[oa + c + 2];
    s3 += w[c + 3] * x[oa + c + 3];
  }
  for (let c = D4; c < D; c++) s0 += w[c] * x[oa + c];
  return s0 + s1 + (s2 + s3);
}

/** A heap of `m` entries for one row, reused across rows. */
function rowHeap(m: number): KnnHeaps {
  return { k: m, idx: new Int32Array(m), dist: new Float64Array(m) };
}

/** Writes row i of the graph: i itself at distance 0, then the heap's entries nearest first (distances, not squares). */
function writeRow(
  h: KnnHeaps,
  i: number,
  k: number,
  outIdx: Int32Array,
  outDist: Float64Array,
  order: number[],
): void {
  const o = i * k;
  outIdx[o] = i;
  outDist[o] = 0;
  sortedRow(h, 0, outIdx, outDist, o + 1, order);
  for (let t = o + 1; t < o + k; t++) outDist[t] = Math.sqrt(outDist[t]);
}

const graphArgs = {
  D: z.number().int().positive(),
  E: z.number().int().positive(),
  /** Neighbours per row, self included (umap's convention). */
  k: z.number().int().min(2),
  outIdx: shared.i32,
  outDist: shared.f64,
};

type GraphArgs = { [K in keyof typeof graphArgs]: z.output<(typeof graphArgs)[K]> };

/** Each of part's rows in turn: an empty heap for its k - 1 nearest, filled by `offer`, written as its row. */
function eachRow(a: GraphArgs, part: number, parts: number, offer: (h: KnnHeaps, i: number) => void): number {
  const [lo, hi] = partRange(a.E, part, parts);
  const h = rowHeap(a.k - 1);
  const order: number[] = [];
  for (let i = lo; i < hi; i++) {
    h.idx.fill(-1);
    h.dist.fill(Infinity);
    offer(h, i);
    writeRow(h, i, a.k, a.outIdx, a.outDist, order);
  }
  return 0;
}

/** Exact kNN by brute force: part's query rows against every other row. */
export const knnExact = kernel(z.object({ x: sharedRows, ...graphArgs }), (a, part, parts) =>
  eachRow(a, part, parts, (h, i) => {
    for (let j = 0; j < a.E; j++) if (j !== i) heapPush(h, 0, dist2(a.x, a.D, i, j), j);
  }),
);

/** Exact distances from each row to its approximate candidates (K per row, -1 = none); keeps the k - 1 nearest. */
export const knnRerank = kernel(
  z.object({ x: sharedRows, cand: shared.i32, K: z.number().int().positive(), ...graphArgs }),
  (a, part, parts) =>
    eachRow(a, part, parts, (h, i) => {
      for (let t = i * a.K; t < (i + 1) * a.K; t++) {
        const j = a.cand[t];
        if (j >= 0 && j !== i) heapPush(h, 0, dist2(a.x, a.D, i, j), j);
      }
    }),
);
