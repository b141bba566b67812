// Step 1: localities. kNN in-degree and spacing weight a k-means whose centroids are the probes; DIRECT tunes
// the weights' exponents (alpha, beta) so that locality coverage follows kNN in-degree; each locality is the
// n samples nearest its probe.
import type { Localities } from '../types';
import { DEFAULT_DIRECT_SAMPLE } from '../../shared/params/types';
import { checkpoint } from '../errors';
import { sampleDistinct, seededUniform } from '../random';
import { direct } from './direct';
import { buildKdTree, knnCancellable, nearestToPoints, neighbourStats, type KdTree } from './neighbours';
import { weightedKmeans } from './kmeans';

export interface LocalityParams {
  neighbors: number;
  overlap: number;
  seed: number;
  directEvaluations: number;
  directBounds: [number, number];
  /** Rows DIRECT evaluates J(alpha, beta) on; 0 = all rows; unset = DEFAULT_DIRECT_SAMPLE (see searchSample). */
  directSample?: number;
}

export interface LocalityOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Each DIRECT evaluation: its loss and probes on the rows searched (the sample, if any); for benches and tests. */
  onEvaluation?: (e: { alpha: number; beta: number; J: number; probes: Float64Array }) => void;
}

/** The PRNG stream of the probe k-means; every evaluation restarts it, so J(alpha, beta) is a function. */
const KMEANS_STREAM = 11;
/** The PRNG stream that draws the search sample. */
const SAMPLE_STREAM = 12;
/** Guards d̄_i = 0 (duplicate points) as the reference does. */
const DBAR_EPS = 1e-12;
/** Share of the progress bar given to the kNN graph before DIRECT starts. */
const KNN_SHARE = 0.1;
/** Share given to the final k-means on all rows after a sampled search (about a third of the step at 1M rows). */
const FINAL_SHARE = 0.3;
/** A sample holds at least this many times n rows, so that it still has a few dozen overlapping localities. */
const MIN_SAMPLE_NEIGHBOURHOODS = 10;

/** ℓ = ceil(E·o/n) localities (at most one per sample). */
export function localityCount(E: number, n: number, overlap: number): number {
  return Math.min(E, Math.ceil((E * overlap) / n));
}

/**
 * How many rows the DIRECT search evaluates J on: 0 (use all rows, the exact search) when the option is 0 or
 * the data has no more rows than the sample would; otherwise the option, raised to 10 neighbourhoods.
 */
export function searchSample(E: number, n: number, directSample: number | undefined): number {
  const s = directSample ?? DEFAULT_DIRECT_SAMPLE;
  if (s === 0) return 0;
  const size = Math.max(s, MIN_SAMPLE_NEIGHBOURHOODS * n);
  return size >= E ? 0 : size;
}

/**
 * One k-means-and-coverage problem: the points, their kNN statistics and the coverage target. DIRECT searches
 * on the whole data or on a sample of it; the final probes always come from the whole.
 */
interface Problem {
  Z: Float64Array;
  E: number;
  d: number;
  tree: KdTree;
  logC1: Float64Array;
  logDbar: Float64Array;
  /** c_i / sum c over the problem's rows. */
  target: Float64Array;
  inDegree: Int32Array;
  /** Localities (k-means clusters) and samples per locality. */
  ell: number;
  n: number;
}

interface Evaluation {
  J: number;
  probes: Float64Array;
  members: Int32Array;
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
  const all = await problemOf(Z, E, d, n, p.overlap, opts.signal);
  opts.onProgress?.(KNN_SHARE);
  await checkpoint(opts.signal);
  const S = searchSample(E, n, p.directSample);
  const searched =
    S === 0
      ? all
      : await problemOf(gatherRows(Z, d, sampleRows(E, S, p.seed)), S, d, n, p.overlap, opts.signal);
  const searchShare = (1 - KNN_SHARE) * (S === 0 ? 1 : 1 - FINAL_SHARE);

  // The best evaluation is kept whole, so the winning probes need no rerun on the exact search.
  const best = { J: Infinity, alpha: 0, beta: 0, probes: new Float64Array(0), members: new Int32Array(0) };
  let evaluations = 0;
  const budget = Math.max(1, p.directEvaluations);
  const cover = new Float64Array(searched.E);
  const w = new Float64Array(searched.E);
  const objective = async (alpha: number, beta: number): Promise<number> => {
    await checkpoint(opts.signal);
    const ev = evaluate(searched, alpha, beta, p.seed, w, cover);
    evaluations++;
    opts.onEvaluation?.({ alpha, beta, J: ev.J, probes: ev.probes });
    if (ev.J < best.J) Object.assign(best, { ...ev, alpha, beta });
    opts.onProgress?.(KNN_SHARE + (searchShare * evaluations) / budget);
    return ev.J;
  };
  const [lo, hi] = p.directBounds;
  await direct(objective, [lo, lo], [hi, hi], budget, { locallyBiased: true });
  // Weights are finite by construction (fillWeights), so J is; a NaN here is a bug, never a silent alpha = 0.
  if (best.members.length === 0) throw new Error('buildLocalities: no DIRECT evaluation gave a finite loss');
  if (S > 0) {
    // The search only chose (alpha, beta); the probes and their J come from one exact run on every row.
    await checkpoint(opts.signal);
    Object.assign(
      best,
      evaluate(all, best.alpha, best.beta, p.seed, new Float64Array(E), new Float64Array(E)),
    );
  }
  // DIRECT samples in pairs, so it may stop one short of the budget.
  opts.onProgress?.(1);
  return {
    count: all.ell,
    size: n,
    probes: best.probes,
    members: best.members,
    alpha: best.alpha,
    beta: best.beta,
    objective: best.J,
    evaluations,
    inDegree: all.inDegree,
  };
}

/** J(alpha, beta) on one problem: the weighted k-means from the fixed seed, its localities, their coverage loss. */
function evaluate(
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

/**
 * The problem of E points: their n-NN graph's in-degree c and mean distance d̄ (the weights' logs), the
 * coverage target c_i / sum c (sum c = E·n: every point lists n others), ceil(E·o/n) localities.
 * The exact search and the final probes use it on every row; a sampled search uses it on the sample as a data set
 * of its own (its own kNN graph), so that coverage and its target have the same resolution: docs/method.md Step 1.
 */
async function problemOf(
  Z: Float64Array,
  E: number,
  d: number,
  n: number,
  overlap: number,
  signal: AbortSignal | undefined,
): Promise<Problem> {
  const tree = buildKdTree(Z, E, d);
  await checkpoint(signal);
  const graph = await knnCancellable(Z, E, d, n, tree, signal);
  const { inDegree, meanDist } = neighbourStats(graph, E);
  const logC1 = new Float64Array(E);
  const logDbar = new Float64Array(E);
  const target = new Float64Array(E);
  for (let i = 0; i < E; i++) {
    logC1[i] = Math.log(inDegree[i] + 1);
    logDbar[i] = Math.log(meanDist[i] + DBAR_EPS);
    target[i] = inDegree[i] / (E * n);
  }
  return { Z, E, d, tree, logC1, logDbar, target, ell: localityCount(E, n, overlap), n, inDegree };
}

/** The points of `rows`, in that order. */
function gatherRows(Z: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let s = 0; s < rows.length; s++) for (let c = 0; c < d; c++) out[s * d + c] = Z[rows[s] * d + c];
  return out;
}

/** S distinct rows of E drawn uniformly from the seed (a partial Fisher-Yates shuffle), in ascending order. */
export function sampleRows(E: number, S: number, seed: number): Int32Array {
  return sampleDistinct(E, S, seededUniform(seed, SAMPLE_STREAM));
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
