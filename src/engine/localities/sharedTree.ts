// A k-d tree (neighbours.ts) in shared memory, for the pool's kernels of Step 1: its arrays as kernel arguments,
// checked on arrival, and the tree put back together from them in the thread. Threads only read it.
import { z } from 'zod';
import { shared, toShared } from '../parallel/shared';
import type { KdTree } from './neighbours';

const int = z.number().int().nonnegative();

/** A tree's fields as kernel arguments (spread into a kernel's schema). */
export const treeArgs = {
  d: int,
  E: int,
  perm: shared.i32,
  coords: shared.f64,
  nodeCount: int,
  lo: shared.i32,
  hi: shared.i32,
  right: shared.i32,
  bmin: shared.f64,
  bmax: shared.f64,
};

/** The same tree over shared copies of its arrays (arrays already shared are kept). */
export function shareTree(t: KdTree): KdTree {
  return {
    d: t.d,
    E: t.E,
    perm: toShared(Int32Array, t.perm),
    coords: toShared(Float64Array, t.coords),
    nodeCount: t.nodeCount,
    lo: toShared(Int32Array, t.lo),
    hi: toShared(Int32Array, t.hi),
    right: toShared(Int32Array, t.right),
    bmin: toShared(Float64Array, t.bmin),
    bmax: toShared(Float64Array, t.bmax),
  };
}

/** The tree from a kernel's checked arguments. */
export function treeOf(a: KdTree): KdTree {
  const { d, E, perm, coords, nodeCount, lo, hi, right, bmin, bmax } = a;
  return { d, E, perm, coords, nodeCount, lo, hi, right, bmin, bmax };
}
