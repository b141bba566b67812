// The pool kernels of Step 1 over a k-d tree in shared memory: the kNN graph of every point (parts of tree
// positions, each writing its points' rows) and one DIRECT evaluation J(alpha, beta) per part (each writing its
// probes and localities to its slot).
import { z } from 'zod';
import { kernel, partRange } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { evaluate, type Problem } from './evaluation';
import { AllPointsKnn } from './neighbours';
import { treeArgs, treeOf } from './sharedTree';

const int = z.number().int().nonnegative();

/** The k nearest others of the points at part p's run of tree positions, into their rows of index and dist. */
export const localityKnn = kernel(
  z.object({ ...treeArgs, k: int, index: shared.i32, dist: shared.f64 }),
  (a, part, parts) => {
    const tree = treeOf(a);
    const all = new AllPointsKnn(tree.coords, a.E, a.d, a.k, tree, { index: a.index, dist: a.dist });
    const [from, to] = partRange(a.E, part, parts);
    all.run(from, to);
    return 0;
  },
);

export const problemArgs = z.object({
  ...treeArgs,
  Z: shared.f64,
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
    const P: Problem = {
      Z: a.Z,
      E,
      d,
      tree: treeOf(a),
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
