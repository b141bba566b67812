// The pool kernel of Step 2: a run of localities, each standardized, its correlations computed and the pairs past
// the Fisher threshold written to the part's own slice of shared output (localityCorrelations.ts drives it).
import { z } from 'zod';
import { pairIndex } from '../../shared/result/pairs';
import { kernel } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { gramUpper, standardizeLocality } from './correlation';

/** Per-locality work buffers: the standardized members (F x n), the Gram, the defined features, rank scratch. */
interface Scratch {
  yT: Float64Array;
  Cm: Float64Array;
  defined: Int32Array;
  rank: { v: Float64Array; r: Float64Array; order: Int32Array };
}

const args = z.object({
  X: shared.f64,
  F: z.number().int().positive(),
  /** Members of every locality, n each. */
  members: shared.i32,
  n: z.number().int().positive(),
  spearman: z.boolean(),
  threshold: z.number(),
  /** Per part: its first locality and one past its last. */
  start: shared.i32,
  end: shared.i32,
  /** Per part: its slice [offset[p], offset[p + 1]) of outIdx and outVal. */
  offset: shared.f64,
  outIdx: shared.i32,
  outVal: shared.f32,
  /** Out, per locality: how many pairs it kept; and its constant features (count x F). */
  kept: shared.i32,
  undefinedFeature: shared.u8,
  /** Out, per part: the pairs its first unfinished locality needs (0 when it finished). */
  need: shared.f64,
});

/**
 * Part p's localities in order, until its slice is full: returns how many it finished. A locality whose pairs do
 * not fit is left unfinished (its count goes to need[p]), so the caller runs the rest again with more room.
 */
export const localityPairs = kernel(args, (a, part) => {
  const { F, n } = a;
  const s: Scratch = {
    yT: new Float64Array(F * n),
    Cm: new Float64Array(F * F),
    defined: new Int32Array(F),
    rank: { v: new Float64Array(n), r: new Float64Array(n), order: new Int32Array(n) },
  };
  let at = a.offset[part];
  const stop = a.offset[part + 1];
  a.need[part] = 0;
  for (let loc = a.start[part]; loc < a.end[part]; loc++) {
    const count = keepPairs(a, loc, s, at, stop);
    if (at + count > stop) {
      a.need[part] = count;
      return loc - a.start[part];
    }
    a.kept[loc] = count;
    at += count;
  }
  return a.end[part] - a.start[part];
});

/**
 * Locality `loc`: its pairs with |r| >= threshold, in pair order, written from outIdx[at] while below `stop`;
 * returns how many there are (also those past `stop`, which are counted only).
 */
function keepPairs(a: z.output<typeof args>, loc: number, s: Scratch, at: number, stop: number): number {
  const { F, n, threshold } = a;
  const { yT, Cm, defined } = s;
  const undef = a.undefinedFeature.subarray(loc * F, (loc + 1) * F);
  standardizeLocality(a.X, F, a.members.subarray(loc * n, (loc + 1) * n), a.spearman, yT, undef, s.rank);
  // Features constant here have no pairs to keep: pack the others to the front of yT so the
  // kernel skips them (image borders are often constant in a locality: fewer rows, squared gain).
  let Fd = 0;
  for (let f = 0; f < F; f++) {
    if (undef[f]) continue;
    if (Fd !== f) yT.copyWithin(Fd * n, f * n, (f + 1) * n);
    defined[Fd++] = f;
  }
  gramUpper(yT, Fd, n, Cm);
  let count = 0;
  for (let i = 0; i < Fd; i++) {
    const rowStart = pairIndex(defined[i], defined[i] + 1, F) - defined[i] - 1; // q of (i, j) = rowStart + j
    const row = i * Fd;
    for (let j = i + 1; j < Fd; j++) {
      let r = Cm[row + j];
      if (!(Math.abs(r) >= threshold && r !== 0)) continue;
      // Rounding can push |r| a hair past 1 for (anti)collinear features.
      if (r > 1) r = 1;
      else if (r < -1) r = -1;
      if (at + count < stop) {
        a.outIdx[at + count] = rowStart + defined[j];
        a.outVal[at + count] = r;
      }
      count++;
    }
  }
  return count;
}
