// DIRECT's evaluations of one iteration at once on the engine's pool: one part per (alpha, beta), so the parts
// are fixed by the search and not by the threads, and each evaluation is the same computation as on one thread.
import type { z } from 'zod';
import type { Pool } from '../parallel/pool';
import { sharedArray, toShared } from '../parallel/shared';
import type { Evaluation, Problem } from './evaluation';
import type { problemArgs } from './evaluationKernel';

export type SharedProblem = z.input<typeof problemArgs>;

/** A problem's arrays in shared memory (copied once), with the seed every evaluation's k-means starts from. */
export function sharedProblem(P: Problem, seed: number): SharedProblem {
  const t = P.tree;
  return {
    Z: toShared(Float64Array, P.Z),
    E: P.E,
    d: P.d,
    perm: toShared(Int32Array, t.perm),
    coords: toShared(Float64Array, t.coords),
    nodeCount: t.nodeCount,
    lo: toShared(Int32Array, t.lo),
    hi: toShared(Int32Array, t.hi),
    right: toShared(Int32Array, t.right),
    bmin: toShared(Float64Array, t.bmin),
    bmax: toShared(Float64Array, t.bmax),
    logC1: toShared(Float64Array, P.logC1),
    logDbar: toShared(Float64Array, P.logDbar),
    target: toShared(Float64Array, P.target),
    ell: P.ell,
    n: P.n,
    seed,
  };
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
