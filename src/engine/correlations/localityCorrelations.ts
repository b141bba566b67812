// Step 2 on the engine's pool: the thresholded feature-feature correlations inside every locality, as a sparse
// locality x pair matrix. Localities are cut into parts of LOCALITIES_PER_PART (fixed by the data, never by the
// threads); each part writes its pairs to its own slice of shared output, and the slices are joined in locality
// order, so the bytes are the same on any number of threads. How many pairs a locality keeps is known only once
// it is computed: a part that fills its slice stops at a locality boundary and the rest of it runs again, in a
// later round, with room sized by the pairs per locality seen so far.
import type { Localities, LocalityCorrelations } from '../types';
import { checkpoint } from '../errors';
import { Pool } from '../parallel/pool';
import { sharedArray, toShared } from '../parallel/shared';
import { fisherThreshold } from './fisher';

/** Localities per part: small enough that a cancel on one thread lands within a few localities' time. */
const LOCALITIES_PER_PART = 8;
/** Room for pairs, over all parts, in the first round (32 MB); later rounds size by what the first kept. */
const FIRST_ROUND_PAIRS = 1 << 22;
/** Later rounds give each locality this much more room than the mean kept so far. */
const ROOM_MARGIN = 1.25;

/** A run of finished localities and where their pairs lie in one round's output. */
interface Segment {
  start: number;
  idx: Int32Array;
  val: Float32Array;
  from: number;
  count: number;
}

/** Localities [lo, hi) still to do, and the pairs the first of them is known to need (0 = unknown). */
type Pending = { lo: number; hi: number; need: number };

export interface CorrelationOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** The pool to run on; default the calling thread alone. */
  pool?: Pool;
  /** Room for pairs in the first round (default FIRST_ROUND_PAIRS); tests set it small to make parts run out. */
  firstRoundPairs?: number;
}

/**
 * Per locality: Pearson (or Spearman: Pearson on average ranks) correlations of its members' features,
 * keeping the pairs with |r| >= fisherThreshold(alpha, n), as CSR over localities. Throws LavaCancelled when
 * the signal fires (on threads, at once; on the calling thread, after the part that runs).
 */
export async function localityCorrelations(
  X: Float64Array,
  E: number,
  F: number,
  loc: Localities,
  p: { correlation: 'pearson' | 'spearman'; alpha: number },
  opts: CorrelationOptions = {},
): Promise<LocalityCorrelations> {
  if (X.length !== E * F)
    throw new Error(`localityCorrelations: X has ${X.length} values, expected ${E} x ${F}`);
  const l = loc.count;
  const n = loc.size;
  const P = (F * (F - 1)) / 2;
  const threshold = fisherThreshold(p.alpha, n);
  const pool = opts.pool ?? new Pool({ threads: 1 });
  const common = {
    X: toShared(Float64Array, X),
    F,
    members: toShared(Int32Array, loc.members),
    n,
    spearman: p.correlation === 'spearman',
    threshold,
    kept: sharedArray(Int32Array, l),
    undefinedFeature: sharedArray(Uint8Array, l * F),
  };
  await checkpoint(opts.signal);
  let pending: Pending[] = [];
  for (let lo = 0; lo < l; lo += LOCALITIES_PER_PART)
    pending.push({ lo, hi: Math.min(l, lo + LOCALITIES_PER_PART), need: 0 });
  const segments: Segment[] = [];
  let perLocality = Math.min(P, Math.ceil((opts.firstRoundPairs ?? FIRST_ROUND_PAIRS) / Math.max(1, l)));
  let finished = 0;
  let keptSoFar = 0;
  while (pending.length > 0) {
    const round = roundBuffers(pending, perLocality, P);
    const progress = (_part: number, value: number) => {
      finished += value;
      opts.onProgress?.(finished / l);
    };
    const args = { ...common, ...round };
    const done = await pool.run('localityPairs', args, pending.length, opts.signal, progress);
    const next: Pending[] = [];
    pending.forEach((r, part) => {
      const count = sumOf(common.kept, r.lo, r.lo + done[part]);
      keptSoFar += count;
      segments.push({ start: r.lo, idx: round.outIdx, val: round.outVal, from: round.offset[part], count });
      if (r.lo + done[part] < r.hi) next.push({ lo: r.lo + done[part], hi: r.hi, need: round.need[part] });
    });
    perLocality = Math.min(P, Math.ceil((ROOM_MARGIN * keptSoFar) / Math.max(1, finished)) + 1);
    pending = next;
  }
  return {
    F,
    P,
    count: l,
    ...joined(segments, common.kept),
    undefinedFeature: common.undefinedFeature.slice(),
    threshold,
  };
}

/** One round's shared output: each pending run gets room for its localities at `perLocality` pairs each. */
function roundBuffers(pending: Pending[], perLocality: number, P: number) {
  const parts = pending.length;
  const offset = sharedArray(Float64Array, parts + 1);
  pending.forEach((r, part) => {
    const room = Math.min((r.hi - r.lo) * P, Math.max(r.need, (r.hi - r.lo) * perLocality));
    offset[part + 1] = offset[part] + room;
  });
  const start = sharedArray(Int32Array, parts);
  const end = sharedArray(Int32Array, parts);
  pending.forEach((r, part) => {
    start[part] = r.lo;
    end[part] = r.hi;
  });
  return {
    start,
    end,
    offset,
    outIdx: sharedArray(Int32Array, offset[parts]),
    outVal: sharedArray(Float32Array, offset[parts]),
    need: sharedArray(Float64Array, parts),
  };
}

function sumOf(a: Int32Array, lo: number, hi: number): number {
  let s = 0;
  for (let i = lo; i < hi; i++) s += a[i];
  return s;
}

/** The CSR of all localities: the segments' pairs in locality order, rows from each locality's count. */
function joined(segments: Segment[], kept: Int32Array) {
  const rowPtr = new Int32Array(kept.length + 1);
  for (let i = 0; i < kept.length; i++) rowPtr[i + 1] = rowPtr[i] + kept[i];
  const pairIndex = new Int32Array(rowPtr[kept.length]);
  const value = new Float32Array(rowPtr[kept.length]);
  for (const s of segments) {
    pairIndex.set(s.idx.subarray(s.from, s.from + s.count), rowPtr[s.start]);
    value.set(s.val.subarray(s.from, s.from + s.count), rowPtr[s.start]);
  }
  return { rowPtr, pairIndex, value };
}
