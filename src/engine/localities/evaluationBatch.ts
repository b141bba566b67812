// Step 1's work on the engine's pool: the kNN graph in parts of points, and DIRECT's evaluations of one iteration
// at once (one part per (alpha, beta), fixed by the search and not by the threads, each the same computation as on
// one thread).
import type { z } from 'zod';
import type { Pool } from '../parallel/pool';
import type { KdTree, KnnResult } from './neighbours';
import { sharedArray, toShared } from '../parallel/shared';
import type { Evaluation, Problem } from './evaluation';
import { shareTree } from './sharedTree';
import type { problemArgs } from './evaluationKernel';

export type SharedProblem = z.input<typeof problemArgs>;

/** A problem's arrays in shared memory (copied once), with the seed every evaluation's k-means starts from. */
export function sharedProblem(P: Problem, seed: number): SharedProblem {
  return {
    ...shareTree(P.tree),
    Z: toShared(Float64Array, P.Z),
    logC1: toShared(Float64Array, P.logC1),
    logDbar: toShared(Float64Array, P.logDbar),
    target: toShared(Float64Array, P.target),
    ell: P.ell,
    n: P.n,
    seed,
  };
}

/** Points per part of the kNN graph: fixed, so the parts do not depend on the threads. */
const KNN_PART = 4096;

/** Every point's n nearest others (self excluded, ties by lower index), as knn gives them, in parts on the pool. */
export async function knnOnPool(
  tree: KdTree,
  n: number,
  pool: Pool,
  signal: AbortSignal | undefined,
): Promise<KnnResult> {
  if (n > tree.E - 1) throw new RangeError(`knn: k = ${n} needs at least ${n + 1} samples, got ${tree.E}`);
  const index = sharedArray(Int32Array, tree.E * n);
  const dist = sharedArray(Float64Array, tree.E * n);
  const args = { ...shareTree(tree), k: n, index, dist };
  await pool.run('localityKnn', args, Math.ceil(tree.E / KNN_PART), signal);
  return { k: n, index, dist };
}

/** J, probes and localities at each of `points` ([alpha, beta] each), in order. */
export async function evaluateOnPool(
  pool: Pool,
  problem: SharedProblem,
  points: number[][],
  signal: AbortSignal | undefined,
): Promise<Evaluation[]> {
  const parts = points.length;
  const { ell, n, d } = problem;
  const args = {
    ...problem,
    alpha: toShared(
      Float64Array,
      points.map((x) => x[0]),
    ),
    beta: toShared(
      Float64Array,
      points.map((x) => x[1]),
    ),
    probes: sharedArray(Float64Array, parts * ell * d),
    members: sharedArray(Int32Array, parts * ell * n),
  };
  const J = await pool.run('localityLoss', args, parts, signal);
  return points.map((_, p) => ({
    J: J[p],
    probes: args.probes.slice(p * ell * d, (p + 1) * ell * d),
    members: args.members.slice(p * ell * n, (p + 1) * ell * n),
  }));
}
