// The pool kernel of Step 1: one DIRECT evaluation J(alpha, beta) per part, over a problem (points, k-d tree,
// weights' logs, coverage target) held in shared memory; each part writes its probes and localities to its slot.
import { z } from 'zod';
import { kernel } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { evaluate, type Problem } from './evaluation';

const int = z.number().int().nonnegative();

export const problemArgs = z.object({
  Z: shared.f64,
  E: int,
  d: int,
  /** The k-d tree over Z (neighbours.ts KdTree), its arrays shared. */
  perm: shared.i32,
  coords: shared.f64,
  nodeCount: int,
  lo: shared.i32,
  hi: shared.i32,
  right: shared.i32,
  bmin: shared.f64,
  bmax: shared.f64,
  logC1: shared.f64,
  logDbar: shared.f64,
  target: shared.f64,
  ell: int,
  n: int,
  seed: int,
});

/** Part p evaluates (alpha[p], beta[p]): its J is the part's number, its probes and members go to slot p. */
export const localityLoss = kernel(
  problemArgs.extend({
    alpha: shared.f64,
    beta: shared.f64,
    probes: shared.f64,
    members: shared.i32,
  }),
  (a, part) => {
    const { E, d, ell, n } = a;
    const tree = { d, E, perm: a.perm, coords: a.coords, nodeCount: a.nodeCount, lo: a.lo, hi: a.hi };
    const P: Problem = {
      Z: a.Z,
      E,
      d,
      tree: { ...tree, right: a.right, bmin: a.bmin, bmax: a.bmax },
      logC1: a.logC1,
      logDbar: a.logDbar,
      target: a.target,
      ell,
      n,
    };
    const ev = evaluate(P, a.alpha[part], a.beta[part], a.seed, new Float64Array(E), new Float64Array(E));
    a.probes.set(ev.probes, part * ell * d);
    a.members.set(ev.members, part * ell * n);
    return ev.J;
  },
);
