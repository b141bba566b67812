// Step 1: localities. kNN in-degree and spacing weight a k-means whose centroids are the probes; DIRECT tunes
// the weights' exponents (alpha, beta) so that locality coverage follows kNN in-degree; each locality is the
// n samples nearest its probe.
import type { Localities } from '../types';
import { checkpoint } from '../errors';
import { seededUniform } from '../random';
import { direct } from './direct';
import { buildKdTree, knnCancellable, nearestToPoints, neighbourStats } from './neighbours';
import { weightedKmeans } from './kmeans';

export interface LocalityParams {
  neighbors: number;
  overlap: number;
  seed: number;
  directEvaluations: number;
  directBounds: [number, number];
}

export interface LocalityOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** The PRNG stream of the probe k-means; every evaluation restarts it, so J(alpha, beta) is a function. */
const KMEANS_STREAM = 11;
/** Guards d̄_i = 0 (duplicate points) as the reference does. */
const DBAR_EPS = 1e-12;
/** Share of the progress bar given to the kNN graph before DIRECT starts. */
const KNN_SHARE = 0.1;

/** ℓ = ceil(E·o/n) localities (at most one per sample). */
export function localityCount(E: number, n: number, overlap: number): number {
  return Math.min(E, Math.ceil((E * overlap) / n));
}

export async function buildLocalities(
  Z: Float64Array,
  E: number,
  d: number,
  p: LocalityParams,
  opts: LocalityOptions = {},
): Promise<Localities> {
  const n = p.neighbors;
  if (!(n >= 1 && n < E))
    throw new RangeError(`buildLocalities: neighbours n = ${n} must be in [1, ${E - 1}]`);
  const ell = localityCount(E, n, p.overlap);
  const tree = buildKdTree(Z, E, d);
  await checkpoint(opts.signal);
  const graph = await knnCancellable(Z, E, d, n, tree, opts.signal);
  const { inDegree, meanDist } = neighbourStats(graph, E);
  opts.onProgress?.(KNN_SHARE);
  await checkpoint(opts.signal);

  const logC1 = new Float64Array(E);
  const logDbar = new Float64Array(E);
  const target = new Float64Array(E);
  for (let i = 0; i < E; i++) {
    logC1[i] = Math.log(inDegree[i] + 1);
    logDbar[i] = Math.log(meanDist[i] + DBAR_EPS);
    target[i] = inDegree[i] / (E * n);
  }
  const w = new Float64Array(E);
  const cover = new Float64Array(E);

  // The best evaluation is kept whole, so the winning probes need no rerun.
  const best = { J: Infinity, alpha: 0, beta: 0, probes: new Float64Array(0), members: new Int32Array(0) };
  let evaluations = 0;
  const budget = Math.max(1, p.directEvaluations);
  const objective = async (alpha: number, beta: number): Promise<number> => {
    await checkpoint(opts.signal);
    fillWeights(w, alpha, beta, logC1, logDbar);
    const { centroids } = weightedKmeans(Z, E, d, w, ell, seededUniform(p.seed, KMEANS_STREAM), { tree });
    await checkpoint(opts.signal);
    const members = nearestToPoints(Z, E, d, centroids, ell, n, tree).index;
    const J = coverageLoss(members, cover, target, ell * n);
    evaluations++;
    if (J < best.J) Object.assign(best, { J, alpha, beta, probes: centroids, members });
    opts.onProgress?.(KNN_SHARE + ((1 - KNN_SHARE) * evaluations) / budget);
    return J;
  };
  const [lo, hi] = p.directBounds;
  await direct(objective, [lo, lo], [hi, hi], budget, { locallyBiased: true });
  // Weights are finite by construction (fillWeights), so J is; a NaN here is a bug, never a silent alpha = 0.
  if (best.members.length === 0) throw new Error('buildLocalities: no DIRECT evaluation gave a finite loss');
  // DIRECT samples in pairs, so it may stop one short of the budget.
  opts.onProgress?.(1);
  return {
    count: ell,
    size: n,
    probes: best.probes,
    members: best.members,
    alpha: best.alpha,
    beta: best.beta,
    objective: best.J,
    evaluations,
    inDegree,
  };
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
