// Approximate kNN by NN-descent over the pool (kernels in nnDescentKernels.ts): a forest of random-projection
// trees gives each row a first set of neighbours, then rounds of local joins improve them until fewer than
// delta * K * E entries change. Fixed partitions throughout, so the same bytes on one thread or many.
import type { Pool } from '../parallel/pool';
import { sharedArray } from '../parallel/shared';
import type { KnnHeaps } from './knnHeap';

export interface NnDescentParams {
  /** Neighbours kept per row (self excluded). */
  K: number;
  /** Candidates per row and round, new and old each (pynndescent's max_candidates). */
  maxCandidates: number;
  trees: number;
  leafSize: number;
  maxRounds: number;
  /** Stop when fewer than delta * K * E heap entries changed in a round. */
  delta: number;
  seed: number;
}

/**
 * pynndescent's choices as umap-learn calls it, for E rows and K neighbours, but half its trees: the rounds
 * make up for a weaker start at less cost (70k rows: 8 trees, 6 rounds, 23 s CPU; 18 trees, 5 rounds, 26 s).
 */
export function defaultNnDescent(E: number, K: number, seed: number): NnDescentParams {
  return {
    K,
    maxCandidates: Math.min(60, 2 * K),
    trees: Math.min(32, 3 + Math.round(Math.sqrt(E) / 40)),
    leafSize: Math.max(10, K),
    maxRounds: Math.max(5, Math.round(Math.log2(E))),
    delta: 0.02,
    seed,
  };
}

/** Rows per block of local joins: bounds the update buffers (pynndescent's low-memory blocks). */
const BLOCK_ROWS = 16384;
/** Parts of a block's joins and of each application of updates (by row range). */
const JOIN_PARTS = 16;
const APPLY_PARTS = 8;

interface Ctx {
  x: Float32Array;
  D: number;
  E: number;
  heaps: Required<KnnHeaps>;
  pool: Pool;
  signal: AbortSignal | undefined;
  buf: { upd: Int32Array; updD: Float64Array; cap: number };
}

/** The K approximate nearest others of each of the E rows of x (E x D, shared), as heaps (squared distances). */
export async function nnDescent(
  x: Float32Array,
  E: number,
  D: number,
  p: NnDescentParams,
  pool: Pool,
  signal?: AbortSignal,
  onRound?: (round: number) => void,
): Promise<Required<KnnHeaps>> {
  const heaps = {
    k: p.K,
    idx: sharedArray(Int32Array, E * p.K).fill(-1),
    dist: sharedArray(Float64Array, E * p.K).fill(Infinity),
    isNew: sharedArray(Uint8Array, E * p.K),
  };
  const ctx: Ctx = {
    x,
    D,
    E,
    heaps,
    pool,
    signal,
    buf: { upd: new Int32Array(0), updD: new Float64Array(0), cap: 0 },
  };
  const leaves = await forestLeaves(ctx, p);
  await join(ctx, leaves.groups, leaves.count, p.leafSize, sharedArray(Int32Array, 0), 0);
  const heapArgs = { idx: heaps.idx, dist: heaps.dist, isNew: heaps.isNew, K: p.K };
  await pool.run('randomFill', { ...heapArgs, x, D, E, seed: p.seed }, APPLY_PARTS, signal);
  const M = p.maxCandidates;
  const cand = {
    newIdx: sharedArray(Int32Array, E * M),
    newPri: sharedArray(Float64Array, E * M),
    oldIdx: sharedArray(Int32Array, E * M),
    oldPri: sharedArray(Float64Array, E * M),
  };
  for (let round = 0; round < p.maxRounds; round++) {
    const args = { ...heapArgs, ...cand, E, maxCand: M, seed: p.seed, round };
    await pool.run('buildCandidates', args, APPLY_PARTS, signal);
    await pool.run('markOld', args, APPLY_PARTS, signal);
    const changed = await join(ctx, cand.newIdx, E, M, cand.oldIdx, M);
    onRound?.(round);
    if (changed <= p.delta * p.K * E) break;
  }
  return heaps;
}

/** The forest's leaves as groups of width leafSize (-1 padded), all trees together. */
async function forestLeaves(ctx: Ctx, p: NnDescentParams): Promise<{ groups: Int32Array; count: number }> {
  const { E } = ctx;
  const perm = sharedArray(Int32Array, p.trees * E);
  const ends = sharedArray(Int32Array, p.trees * E);
  const counts = await ctx.pool.run(
    'rpTree',
    { x: ctx.x, D: ctx.D, E, leafSize: p.leafSize, seed: p.seed, perm, ends },
    p.trees,
    ctx.signal,
  );
  const total = counts.reduce((s, c) => s + c, 0);
  const groups = sharedArray(Int32Array, total * p.leafSize).fill(-1);
  let g = 0;
  for (let t = 0; t < p.trees; t++) {
    let start = 0;
    for (let l = 0; l < counts[t]; l++, g++) {
      const end = ends[t * E + l];
      for (let s = start; s < end; s++) groups[g * p.leafSize + s - start] = perm[t * E + s];
      start = end;
    }
  }
  return { groups, count: total };
}

/** Local joins of `count` groups in blocks; each block's updates are applied before the next block joins. */
async function join(
  ctx: Ctx,
  newIdx: Int32Array,
  count: number,
  newWidth: number,
  oldIdx: Int32Array,
  oldWidth: number,
): Promise<number> {
  const { heaps, pool, signal, E } = ctx;
  const thr = sharedArray(Float64Array, E);
  const segs = sharedArray(Int32Array, JOIN_PARTS * (APPLY_PARTS + 1));
  let changed = 0;
  for (let b0 = 0; b0 < count; b0 += BLOCK_ROWS) {
    const b1 = Math.min(count, b0 + BLOCK_ROWS);
    for (let i = 0; i < E; i++) thr[i] = heaps.dist[i * heaps.k];
    const block = {
      x: ctx.x,
      D: ctx.D,
      E,
      groups: b1 - b0,
      newIdx: newIdx.subarray(b0 * newWidth, b1 * newWidth),
      newWidth,
      oldIdx: oldWidth ? oldIdx.subarray(b0 * oldWidth, b1 * oldWidth) : oldIdx,
      oldWidth,
      thr,
      segs,
      owners: APPLY_PARTS,
    };
    const parts = Math.min(JOIN_PARTS, b1 - b0);
    while (true) {
      if (ctx.buf.cap === 0) grow(ctx, Math.ceil(((b1 - b0) / parts) * newWidth * 4));
      const { upd, updD, cap } = ctx.buf;
      const counts = await pool.run('localJoin', { ...block, upd, updD, cap }, parts, signal);
      const short = counts.reduce((m, c) => Math.max(m, -c), 0);
      if (short === 0) break;
      grow(ctx, 2 * short); // a part overflowed: run the block again with room for it
    }
    const { upd, updD, cap } = ctx.buf;
    const heapArgs = { idx: heaps.idx, dist: heaps.dist, isNew: heaps.isNew, K: heaps.k };
    const args = { ...heapArgs, upd, updD, segs, joinParts: parts, cap };
    const entered = await pool.run('applyUpdates', args, APPLY_PARTS, signal);
    changed += entered.reduce((s, c) => s + c, 0);
  }
  return changed;
}

/** Update buffers of `cap` entries for each of JOIN_PARTS parts. */
function grow(ctx: Ctx, cap: number): void {
  ctx.buf = {
    upd: sharedArray(Int32Array, 2 * JOIN_PARTS * cap),
    updD: sharedArray(Float64Array, JOIN_PARTS * cap),
    cap,
  };
}
