// One evaluation of Step 1's loss J(alpha, beta): the weighted k-means from the fixed seed, its localities and
// their coverage loss. Imports no pool: the pool's threads run it (evaluationKernel.ts), and so does the caller.
import { seededUniform } from '../random';
import { weightedKmeans } from './kmeans';
import { nearestToPoints, type KdTree } from './neighbours';

/** The PRNG stream of the probe k-means; every evaluation restarts it, so J(alpha, beta) is a function. */
const KMEANS_STREAM = 11;
/**
 * One k-means-and-coverage problem: the points, their kNN statistics and the coverage target. DIRECT searches
 * on the whole data or on a sample of it; the final probes always come from the whole.
 */
export interface Problem {
  Z: Float64Array;
  E: number;
  d: number;
  tree: KdTree;
  logC1: Float64Array;
  logDbar: Float64Array;
  /** c_i / sum c over the problem's rows. */
  target: Float64Array;
  /** Localities (k-means clusters) and samples per locality. */
  ell: number;
  n: number;
}

export interface Evaluation {
  J: number;
  probes: Float64Array;
  members: Int32Array;
}

/** J(alpha, beta) on one problem: the weighted k-means from the fixed seed, its localities, their coverage loss. */
export function evaluate(
  P: Problem,
  alpha: number,
  beta: number,
  seed: number,
  w: Float64Array,
  cover: Float64Array,
): Evaluation {
  fillWeights(w, alpha, beta, P.logC1, P.logDbar);
  const { centroids } = weightedKmeans(P.Z, P.E, P.d, w, P.ell, seededUniform(seed, KMEANS_STREAM), {
    tree: P.tree,
  });
  const members = nearestToPoints(P.Z, P.E, P.d, centroids, P.ell, P.n, P.tree).index;
  return { J: coverageLoss(members, cover, P.target, P.ell * P.n), probes: centroids, members };
}

/** Above this |log w| the weights (times squared distances, summed) could leave the doubles. */
const MAX_LOG_WEIGHT = 200;

/**
 * w = (c+1)^alpha * dbar^-beta, from logs so that extreme exponents cannot overflow before the product; when the
 * largest would still overflow (or every one underflow), all are divided by it: k-means ignores a common scale.
 */
function fillWeights(
  w: Float64Array,
  alpha: number,
  beta: number,
  logC1: Float64Array,
  logDbar: Float64Array,
): void {
  let top = -Infinity;
  for (let i = 0; i < w.length; i++) {
    w[i] = alpha * logC1[i] - beta * logDbar[i];
    if (w[i] > top) top = w[i];
  }
  const shift = Math.abs(top) > MAX_LOG_WEIGHT ? top : 0;
  for (let i = 0; i < w.length; i++) w[i] = Math.exp(w[i] - shift);
}

/** J = sum_i (m_i / sum m - c_i / sum c)^2, m_i = how many localities contain sample i. */
function coverageLoss(
  members: Int32Array,
  cover: Float64Array,
  target: Float64Array,
  totalMembers: number,
): number {
  cover.fill(0);
  for (let q = 0; q < members.length; q++) cover[members[q]]++;
  let J = 0;
  for (let i = 0; i < cover.length; i++) {
    const g = cover[i] / totalMembers - target[i];
    J += g * g;
  }
  return J;
}
