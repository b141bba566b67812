// UMAP's layout: the epochs of attraction along the fuzzy graph's edges and repulsion from random vertices,
// each epoch one parallel pass of layoutKernel.ts over fixed vertex ranges. umap-learn's schedule: an edge of
// weight w is sampled every max(w)/w epochs, with negativeRate repulsions per sample, learning rate falling
// linearly to 0; edges lighter than max(w)/nEpochs are dropped.
import { findABParams } from 'umap-js/dist/umap';
import type { Pool } from '../parallel/pool';
import { sharedArray, toShared } from '../parallel/shared';
import type { FuzzyGraph } from './fuzzySet';

export interface LayoutParams {
  nEpochs: number;
  minDist: number;
  seed: number;
  spread?: number;
  negativeRate?: number;
  repulsion?: number;
}

export interface LayoutOptions {
  signal?: AbortSignal;
  /** Fraction of the epochs done, after each epoch. */
  onEpoch?: (fraction: number) => void;
}

/** Vertex ranges per epoch: enough for two threads to stay busy to the end; results do not depend on it. */
const EPOCH_PARTS = 16;

/** Lays out the graph's vertices from `init` (n x 2, row-major); returns the n x 2 coordinates. */
export async function optimizeLayout(
  g: FuzzyGraph,
  init: Float64Array,
  p: LayoutParams,
  pool: Pool,
  opts: LayoutOptions = {},
): Promise<Float64Array> {
  const edges = scheduledEdges(g, p.nEpochs);
  const { a, b } = findABParams(p.spread ?? 1, p.minDist);
  const negativeRate = p.negativeRate ?? 5;
  const Y = toShared(Float64Array, init);
  const prev = sharedArray(Float64Array, Y.length);
  const nextSample = sharedArray(Float64Array, edges.epochsPerSample.length);
  nextSample.set(edges.epochsPerSample);
  const nextNegative = sharedArray(Float64Array, edges.epochsPerSample.length);
  for (let e = 0; e < nextNegative.length; e++) nextNegative[e] = edges.epochsPerSample[e] / negativeRate;
  const fixed = { Y, prev, ...edges, nextSample, nextNegative, n: g.n, a, b, negativeRate, seed: p.seed };
  const gamma = p.repulsion ?? 1;
  for (let epoch = 0; epoch < p.nEpochs; epoch++) {
    prev.set(Y);
    const alpha = 1 - epoch / p.nEpochs;
    await pool.run('umapEpoch', { ...fixed, epoch, alpha, gamma }, Math.min(EPOCH_PARTS, g.n), opts.signal);
    opts.onEpoch?.((epoch + 1) / p.nEpochs);
  }
  return Float64Array.from(Y);
}

/** The edges the epochs sample (in shared memory): weights below max/nEpochs dropped, each with its period. */
function scheduledEdges(
  g: FuzzyGraph,
  nEpochs: number,
): { ptr: Int32Array; col: Int32Array; epochsPerSample: Float64Array } {
  let max = 0;
  for (const v of g.w) if (v > max) max = v;
  const ptr = sharedArray(Int32Array, g.n + 1);
  let kept = 0;
  for (let i = 0; i < g.n; i++) {
    for (let e = g.ptr[i]; e < g.ptr[i + 1]; e++) if (g.w[e] >= max / nEpochs) kept++;
    ptr[i + 1] = kept;
  }
  const col = sharedArray(Int32Array, kept);
  const epochsPerSample = sharedArray(Float64Array, kept);
  let o = 0;
  for (let e = 0; e < g.w.length; e++) {
    if (g.w[e] < max / nEpochs) continue;
    col[o] = g.col[e];
    epochsPerSample[o++] = max / g.w[e];
  }
  return { ptr, col, epochsPerSample };
}
