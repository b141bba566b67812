// Step 1: localities. kNN in-degree and spacing weight a k-means whose centroids are the probes; DIRECT tunes
// the weights' exponents (alpha, beta) so that locality coverage follows kNN in-degree; each locality is the
// n samples nearest its probe.
import type { Localities } from '../types';
import { DEFAULT_DIRECT_SAMPLE } from '../../shared/params/types';
import { checkpoint, throwIfCancelled } from '../errors';
import { Pool } from '../parallel/pool';
import { sampleDistinct, seededUniform } from '../random';
import { directBatched } from './direct';
import type { Problem } from './evaluation';
import { evaluateOnPool, knnOnPool, sharedProblem } from './evaluationBatch';
import { buildKdTree, neighbourStats } from './neighbours';
import { shareTree } from './sharedTree';

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
  /** The pool the kNN graphs and DIRECT's evaluations run on; default the calling thread alone. */
  pool?: Pool;
}

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

/** A problem of the whole data also gives the in-degree the result records. */
interface FullProblem extends Problem {
  inDegree: Int32Array;
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
  const pool = opts.pool ?? new Pool({ threads: 1 });
  const all = await problemOf(Z, E, d, n, p.overlap, pool, opts.signal);
  opts.onProgress?.(KNN_SHARE);
  await checkpoint(opts.signal);
  const S = searchSample(E, n, p.directSample);
  const searched =
    S === 0
      ? all
      : await problemOf(gatherRows(Z, d, sampleRows(E, S, p.seed)), S, d, n, p.overlap, pool, opts.signal);
  const searchShare = (1 - KNN_SHARE) * (S === 0 ? 1 : 1 - FINAL_SHARE);

  // The best evaluation is kept whole, so the winning probes need no rerun on the exact search.
  const best = { J: Infinity, alpha: 0, beta: 0, probes: new Float64Array(0), members: new Int32Array(0) };
  let evaluations = 0;
  const budget = Math.max(1, p.directEvaluations);
  const problem = sharedProblem(searched, p.seed);
  // Each DIRECT iteration's evaluations run at once on the pool; they are taken in order, as one by one.
  const objective = async (points: number[][]): Promise<number[]> => {
    const evs = await evaluateOnPool(pool, problem, points, opts.signal);
    return evs.map((ev, i) => {
      throwIfCancelled(opts.signal); // an abort heard while reporting the batch: nothing more is reported
      const [alpha, beta] = points[i];
      evaluations++;
      opts.onEvaluation?.({ alpha, beta, J: ev.J, probes: ev.probes });
      if (ev.J < best.J) Object.assign(best, { ...ev, alpha, beta });
      opts.onProgress?.(KNN_SHARE + (searchShare * evaluations) / budget);
      return ev.J;
    });
  };
  const [lo, hi] = p.directBounds;
  await directBatched(objective, [lo, lo], [hi, hi], budget, { locallyBiased: true });
  // Weights are finite by construction (fillWeights), so J is; a NaN here is a bug, never a silent alpha = 0.
  if (best.members.length === 0) throw new Error('buildLocalities: no DIRECT evaluation gave a finite loss');
  if (S > 0) {
    // The search only chose (alpha, beta); the probes and their J come from one exact run on every row (on a
    // pool thread when there is one, so that a cancel stops it at once).
    const [exact] = await evaluateOnPool(
      pool,
      sharedProblem(all, p.seed),
      [[best.alpha, best.beta]],
      opts.signal,
    );
    Object.assign(best, exact);
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
  pool: Pool,
  signal: AbortSignal | undefined,
): Promise<FullProblem> {
  // Shared once: the kNN graph's parts and every evaluation's read it in place.
  const tree = shareTree(buildKdTree(Z, E, d));
  await checkpoint(signal);
  const graph = await knnOnPool(tree, n, pool, signal);
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
