// Pool kernels of NN-descent (Dong et al. 2011, as pynndescent runs it): random-projection trees for a start,
// then rounds in which the neighbours of neighbours are compared. Every kernel either owns a range of rows
// (and writes only their heaps and candidate lists) or writes only its own part's update buffer, and random
// choices are hashes of (seed, round, row, slot), so results do not depend on the threads.
import { z } from 'zod';
import { kernel, partRange } from '../parallel/kernel';
import { hash32, hashUniform } from '../parallel/hashRandom';
import { shared } from '../parallel/shared';
import { heapPush, type KnnHeaps } from './knnHeap';
import { dist2, dotRow } from './knnKernels';

const heapArgs = { idx: shared.i32, dist: shared.f64, isNew: shared.u8, K: z.number().int().positive() };
const heapsOf = (a: { idx: Int32Array; dist: Float64Array; isNew: Uint8Array; K: number }): KnnHeaps => ({
  k: a.K,
  idx: a.idx,
  dist: a.dist,
  isNew: a.isNew,
});

/**
 * One random-projection tree per part: rows split by the hyperplane halfway between two random rows until a
 * node has at most `leafSize`. Writes the tree's rows in leaf order to perm[part * E ...] and where each leaf
 * ends to ends[part * E ...]; returns how many leaves.
 */
export const rpTree = kernel(
  z.object({
    x: shared.f32,
    D: z.number().int().positive(),
    E: z.number().int().positive(),
    leafSize: z.number().int().min(2),
    seed: z.number().int(),
    perm: shared.i32,
    ends: shared.i32,
  }),
  (a, tree) => {
    const { x, D, E, leafSize } = a;
    const order = a.perm.subarray(tree * E, (tree + 1) * E);
    for (let i = 0; i < E; i++) order[i] = i;
    const side = new Uint8Array(E);
    const tmp = new Int32Array(E);
    const normal = new Float64Array(D);
    // depth first, lower half first, so that leaves come out in order
    const stack: number[] = [0, E];
    let leaves = 0;
    let node = 0;
    while (stack.length) {
      const hi = stack.pop() as number;
      const lo = stack.pop() as number;
      if (hi - lo <= leafSize) {
        a.ends[tree * E + leaves++] = hi;
        continue;
      }
      const mid = splitNode(x, D, order, { side, tmp, normal }, lo, hi, hash32(a.seed, tree, node++));
      stack.push(mid, hi, lo, mid);
    }
    return leaves;
  },
);

/** Reorders order[lo, hi) so that one side of a random hyperplane comes first; returns where the other starts. */
function splitNode(
  x: Float32Array,
  D: number,
  order: Int32Array,
  work: { side: Uint8Array; tmp: Int32Array; normal: Float64Array },
  lo: number,
  hi: number,
  h: number,
): number {
  const { side, tmp, normal } = work;
  const n = hi - lo;
  const p = order[lo + (h % n)];
  let q = order[lo + (hash32(h, 1) % (n - 1))];
  if (q === p) q = order[hi - 1];
  let offset = 0;
  for (let c = 0; c < D; c++) {
    normal[c] = x[p * D + c] - x[q * D + c];
    offset += (normal[c] * (x[p * D + c] + x[q * D + c])) / 2;
  }
  let left = 0;
  for (let t = lo; t < hi; t++) {
    const s = dotRow(x, D, order[t], normal) - offset;
    side[t - lo] = s > 0 || (s === 0 && (hash32(h, 2, t) & 1) === 1) ? 1 : 0;
    if (side[t - lo] === 0) left++;
  }
  // a degenerate cut (all on one side): halve the node as it is ordered, so that the tree still ends
  if (left === 0 || left === n) return lo + (n >> 1);
  tmp.set(order.subarray(lo, hi));
  let l = lo;
  let r = lo + left;
  for (let t = 0; t < n; t++) order[side[t] === 0 ? l++ : r++] = tmp[t];
  return lo + left;
}

/** The part of `owners` near-equal row ranges (partRange) that row r falls in. */
function ownerOf(r: number, E: number, owners: number): number {
  let t = Math.floor((r * owners) / E);
  while (t > 0 && r < Math.floor((E * t) / owners)) t--;
  while (r >= Math.floor((E * (t + 1)) / owners)) t++;
  return t;
}

/** A join part's updates before they are sorted by owner: target row, other row, squared distance. */
let pending = {
  target: new Int32Array(1 << 16),
  other: new Int32Array(1 << 16),
  d: new Float64Array(1 << 16),
};

function grown(n: number): typeof pending {
  if (n <= pending.target.length) return pending;
  const size = Math.max(n, 2 * pending.target.length);
  const next = { target: new Int32Array(size), other: new Int32Array(size), d: new Float64Array(size) };
  next.target.set(pending.target);
  next.other.set(pending.other);
  next.d.set(pending.d);
  return (pending = next);
}

/**
 * Local joins of part's groups: every pair of a group's new members, and each new member with each old one,
 * is compared; where the pair is closer than a row's current worst, an update (that row, the other, squared
 * distance) goes to this part's buffer (upd: target, other; updD) from part * cap, sorted by the owner part of
 * the target row, owner t's updates starting at segs[part * (owners + 1) + t]. Returns the updates written, or
 * minus the number needed if cap was too small (the caller then grows the buffers and runs again).
 */
export const localJoin = kernel(
  z.object({
    x: shared.f32,
    D: z.number().int().positive(),
    E: z.number().int().positive(),
    groups: z.number().int().nonnegative(),
    newIdx: shared.i32,
    newWidth: z.number().int().positive(),
    oldIdx: shared.i32,
    oldWidth: z.number().int().nonnegative(),
    thr: shared.f64,
    upd: shared.i32,
    updD: shared.f64,
    segs: shared.i32,
    owners: z.number().int().positive(),
    cap: z.number().int().positive(),
  }),
  (a, part, parts) => {
    const { x, D, newIdx, newWidth: nw, oldIdx, oldWidth: ow, thr } = a;
    const [lo, hi] = partRange(a.groups, part, parts);
    let n = 0;
    let b = pending;
    const emit = (p: number, q: number) => {
      const d = dist2(x, D, p, q);
      if (d < thr[p]) {
        b.target[n] = p;
        b.other[n] = q;
        b.d[n++] = d;
      }
      if (d < thr[q]) {
        b.target[n] = q;
        b.other[n] = p;
        b.d[n++] = d;
      }
    };
    for (let g = lo; g < hi; g++) {
      b = grown(n + nw * (nw - 1) + 2 * nw * ow); // room for both directions of every pair of the group
      for (let s = g * nw; s < (g + 1) * nw; s++) {
        const p = newIdx[s];
        if (p < 0) continue;
        for (let t = s + 1; t < (g + 1) * nw; t++) if (newIdx[t] >= 0 && newIdx[t] !== p) emit(p, newIdx[t]);
        for (let t = g * ow; t < (g + 1) * ow; t++) if (oldIdx[t] >= 0 && oldIdx[t] !== p) emit(p, oldIdx[t]);
      }
    }
    if (n > a.cap) return -n;
    sortByOwner(a, part, n);
    return n;
  },
);

/** Writes the pending updates to the part's region of the shared buffer in owner order (a counting sort). */
function sortByOwner(
  a: { E: number; owners: number; cap: number; upd: Int32Array; updD: Float64Array; segs: Int32Array },
  part: number,
  n: number,
): void {
  const O = a.owners;
  const seg = a.segs.subarray(part * (O + 1), (part + 1) * (O + 1));
  seg.fill(0);
  const own = new Int32Array(n);
  for (let u = 0; u < n; u++) seg[(own[u] = ownerOf(pending.target[u], a.E, O)) + 1]++;
  for (let t = 0; t < O; t++) seg[t + 1] += seg[t];
  const fill = seg.slice(0, O);
  for (let u = 0; u < n; u++) {
    const o = part * a.cap + fill[own[u]]++;
    a.upd[2 * o] = pending.target[u];
    a.upd[2 * o + 1] = pending.other[u];
    a.updD[o] = pending.d[u];
  }
}

/** Applies every join part's updates for the rows this part owns (in join part order); returns how many entered. */
export const applyUpdates = kernel(
  z.object({
    ...heapArgs,
    upd: shared.i32,
    updD: shared.f64,
    segs: shared.i32,
    joinParts: z.number().int().positive(),
    cap: z.number().int().positive(),
  }),
  (a, part, parts) => {
    const h = heapsOf(a);
    let entered = 0;
    for (let s = 0; s < a.joinParts; s++) {
      const from = s * a.cap + a.segs[s * (parts + 1) + part];
      const to = s * a.cap + a.segs[s * (parts + 1) + part + 1];
      for (let u = from; u < to; u++) entered += heapPush(h, a.upd[2 * u] * a.K, a.updD[u], a.upd[2 * u + 1]);
    }
    return entered;
  },
);

/** Rows whose heap is not full get random rows (hash of seed, row, attempt) until it is. */
export const randomFill = kernel(
  z.object({
    ...heapArgs,
    x: shared.f32,
    D: z.number().int().positive(),
    E: z.number().int().positive(),
    seed: z.number().int(),
  }),
  (a, part, parts) => {
    const h = heapsOf(a);
    const [lo, hi] = partRange(a.E, part, parts);
    for (let i = lo; i < hi; i++) {
      for (let attempt = 0; attempt < 4 * a.K && a.idx[i * a.K] < 0; attempt++) {
        const j = hash32(a.seed, i, attempt) % a.E;
        if (j !== i) heapPush(h, i * a.K, dist2(a.x, a.D, i, j), j);
      }
    }
    return 0;
  },
);

const candidateArgs = {
  ...heapArgs,
  E: z.number().int().positive(),
  maxCand: z.number().int().positive(),
  seed: z.number().int(),
  round: z.number().int().nonnegative(),
  newIdx: shared.i32,
  newPri: shared.f64,
  oldIdx: shared.i32,
  oldPri: shared.f64,
};

/**
 * The round's candidates of the rows this part owns: each heap entry (i, j) offers j to i's list and i to
 * j's (new entries to the new lists, old to the old), and each list keeps the maxCand of lowest random
 * priority (pynndescent's sampling). Reads every heap, writes only its rows' lists.
 */
export const buildCandidates = kernel(z.object(candidateArgs), (a, part, parts) => {
  const { idx, isNew, K, E, maxCand: M } = a;
  const [lo, hi] = partRange(E, part, parts);
  const lists = {
    new: { k: M, idx: a.newIdx, dist: a.newPri },
    old: { k: M, idx: a.oldIdx, dist: a.oldPri },
  };
  a.newIdx.fill(-1, lo * M, hi * M);
  a.oldIdx.fill(-1, lo * M, hi * M);
  a.newPri.fill(Infinity, lo * M, hi * M);
  a.oldPri.fill(Infinity, lo * M, hi * M);
  for (let i = 0; i < E; i++) {
    const own = i >= lo && i < hi;
    for (let t = i * K; t < (i + 1) * K; t++) {
      const j = idx[t];
      if (j < 0) continue;
      const back = j >= lo && j < hi;
      if (!own && !back) continue;
      const list = isNew[t] ? lists.new : lists.old;
      const pri = hashUniform(a.seed, a.round, t);
      if (own) heapPush(list, i * M, pri, j);
      if (back) heapPush(list, j * M, pri, i);
    }
  }
  return 0;
});

/** Entries of this part's rows that went into the round's new candidates are no longer new. */
export const markOld = kernel(z.object(candidateArgs), (a, part, parts) => {
  const [lo, hi] = partRange(a.E, part, parts);
  const M = a.maxCand;
  // stamp[j] = i + 1 while row i is done: one pass over the candidates, one over the heap
  const stamp = new Int32Array(a.E);
  for (let i = lo; i < hi; i++) {
    for (let s = i * M; s < (i + 1) * M; s++) if (a.newIdx[s] >= 0) stamp[a.newIdx[s]] = i + 1;
    for (let t = i * a.K; t < (i + 1) * a.K; t++)
      if (a.isNew[t] && a.idx[t] >= 0 && stamp[a.idx[t]] === i + 1) a.isNew[t] = 0;
  }
  return 0;
});
