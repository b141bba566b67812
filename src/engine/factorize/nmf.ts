// Step 3 (default): NMF of the sign-split A = [max(R,0), max(-R,0)] by scikit-learn's coordinate descent, sparse throughout.
import { checkpoint } from '../errors';
import type { Factorization, LocalityCorrelations } from '../types';
import { HStep } from './nmfHStep';
import { cdRow } from './nmfKernel';
import { nndsvd } from './nndsvd';
import { signedPatterns } from './patterns';
import { profileInit } from './profileInit';
import { signSplit, transpose, type SignSplit } from './sparse';

/**
 * One coordinate-descent sweep over W (n x k) for min ||X - W Ht^T|| given HHt = Ht^T Ht and
 * XHt = X Ht: scikit-learn's `_update_cdnmf_fast`, each coordinate set to its exact non-negative
 * minimizer given the others (HALS). sklearn loops components outside and rows inside; rows do not
 * interact, so looping rows outside gives the same values with one cache-friendly pass.
 * Returns the sum of |projected gradient| (sklearn's violation).
 */
function cdSweepRows(W: Float64Array, n: number, k: number, HHt: Float64Array, XHt: Float64Array): number {
  let violation = 0;
  for (let i = 0; i < n; i++) violation += cdRow(W, i * k, k, HHt, XHt, i * k);
  return violation;
}

/** M^T M for a row-major n x k matrix. */
function crossprod(M: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const va = M[o + a];
      if (va === 0) continue;
      for (let b = a; b < k; b++) out[a * k + b] += va * M[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) out[b * k + a] = out[a * k + b];
  return out;
}

/**
 * Scales W's columns to unit norm and Ht's columns by the same factors, so W Ht^T is unchanged: with an L1
 * penalty on H alone, a fit could otherwise shrink H for free by growing W (Hoyer 2004).
 */
function normalizeW(W: Float64Array, l: number, Ht: Float64Array, m: number, k: number): void {
  const norm = new Float64Array(k);
  for (let i = 0; i < l * k; i++) norm[i % k] += W[i] * W[i];
  for (let t = 0; t < k; t++) norm[t] = Math.sqrt(norm[t]);
  for (let i = 0; i < l * k; i++) if (norm[i % k] > 0) W[i] /= norm[i % k];
  for (let i = 0; i < m * k; i++) if (norm[i % k] > 0) Ht[i] *= norm[i % k];
}

/**
 * The L1 penalty on H for a sparseness s: s times the root-mean-square norm of A's non-empty columns, which is
 * what one pair's H entry is when W's column is a unit vector over the localities that show it. So s = 0.05
 * shrinks every pair's weight by 5 % of a typical pair's, whatever the scale of the correlations.
 */
function l1Penalty(colPtr: Int32Array, m: number, aa: number, s: number): number {
  let columns = 0;
  for (let c = 0; c < m; c++) if (colPtr[c + 1] > colPtr[c]) columns++;
  return columns === 0 ? 0 : s * Math.sqrt(aa / columns);
}

function sumOfSquares(val: Float32Array): number {
  let sq = 0;
  for (let z = 0; z < val.length; z++) sq += val[z] * val[z];
  return sq;
}

/**
 * The penalized objective 1/2 ||A - W Ht^T||^2 + l1 sum(H) from what an iteration has at its end (A Ht, Ht^T Ht,
 * W^T W; ||A||^2 = aa): O(l k + m k), against O(nnz k) for the iteration itself.
 */
function penalizedObjective(
  aa: number,
  W: Float64Array,
  WtW: Float64Array,
  Ht: Float64Array,
  HHt: Float64Array,
  XHt: Float64Array,
  l1: number,
): number {
  let cross = 0;
  for (let i = 0; i < W.length; i++) cross += XHt[i] * W[i];
  let quad = 0;
  for (let i = 0; i < WtW.length; i++) quad += WtW[i] * HHt[i];
  let sum = 0;
  for (let i = 0; i < Ht.length; i++) sum += Ht[i];
  return 0.5 * Math.max(aa - 2 * cross + quad, 0) + l1 * sum;
}

/**
 * Whether a fit has converged at tolerance tol. Plain NMF: scikit-learn's rule, the projected-gradient violation
 * against the first iteration's. With the penalty that violation never falls (measured on Fashion-MNIST: it
 * stays at 0.34 of the first from iteration 50 to 400 while the objective is constant to 10 digits): every
 * W sweep grows W back against the penalty's shrinking of H, and the column scaling takes it back, so both
 * steps move every iteration though the fit stands still. The objective's change then decides: an
 * iteration that changes it by at most tol^2 / 10 of its value ends the fit. That is where plain NMF's rule
 * stops on the same data (violation 1e-4 came with a relative change of about 1e-9, 1e-3 with 1e-7).
 */
function converged(penalized: boolean, tol: number, first: number, violation: number, change: number): boolean {
  if (penalized) return change <= (tol * tol) / 10;
  return first === 0 || violation / first <= tol;
}

/** How NMF starts: scikit-learn's NNDSVD, or the pairs grouped by locality profile (see profileInit.ts). */
export type NmfInit = 'nndsvd' | 'profiles';

export interface NmfOptions {
  signal?: AbortSignal;
  /** Worker thread for half of each H step: 'auto' (large A, two cores), or forced; the result is the same. */
  threads?: 'auto' | 'one' | 'two';
  /** Start of the CD iterations; 'nndsvd' (scikit-learn's) unless given. */
  init?: NmfInit;
  onProgress?: (fraction: number) => void;
  /** Iteration cap (400) and tolerance on violation / first violation (1e-4), as scikit-learn. */
  maxIter?: number;
  tol?: number;
  /**
   * L1 penalty on H with W's columns kept at unit norm (docs/method.md, Step 3), as a fraction of a typical
   * pair's weight (l1Penalty); 0 or unset: plain NMF, the same bytes as before the option.
   */
  sparseness?: number;
  /** Go on from a fit stopped earlier (its `state`): the same iterations as one fit from the start, so the same bytes. */
  resume?: NmfState;
  /** Return the state to go on from later (the trust scan's early-stopped fit of the k it chooses). */
  keepState?: boolean;
}

/** Where a fit stopped: the factors, the products the next W step reads, and the tolerance's reference violation. */
export interface NmfState {
  W: Float64Array;
  Ht: Float64Array;
  XHt: Float64Array;
  HHt: Float64Array;
  first: number;
  violation: number;
  /** With the penalty: the objective after the last iteration, and its relative change in that iteration. */
  objective: number;
  change: number;
  iterations: number;
}

/** The NMF proper on a sign-split A: returns W (l x k), Ht (m x k), iterations, relative error. */
export async function nmfSignSplit(
  a: SignSplit,
  k: number,
  seed: number,
  opts?: NmfOptions,
): Promise<{ W: Float64Array; Ht: Float64Array; iterations: number; error: number; state?: NmfState }> {
  const l = a.rows;
  const m = a.cols;
  const maxIter = opts?.maxIter ?? 400;
  const tol = opts?.tol ?? 1e-4;
  // No significant correlation anywhere: nothing to factorize, every module is empty.
  if (a.val.length === 0)
    return { W: new Float64Array(l * k), Ht: new Float64Array(m * k), iterations: 0, error: 0 };
  // Column-major A (Float32 is exact: A's values came from Float32). One pass over its columns per
  // iteration does the whole H step: gather (A^T W)[c] from the small W, update Ht[c], then add the
  // new Ht[c] into Ht^T Ht and into A Ht (also small, l x k) for the next W step. The profiles start
  // reads the same transpose (at Fashion-MNIST 70k, 56 million non-zeros: one copy per fit, not two).
  const t = transpose(a);
  const from = opts?.resume;
  const { W, Ht } = from
    ? { W: from.W.slice(), Ht: from.Ht.slice() }
    : opts?.init === 'profiles'
      ? profileInit(a, k, t)
      : nndsvd(a, k, seed);
  const colPtr = t.rowPtr;
  const rowIdx = t.col;
  const val = t.val instanceof Float32Array ? t.val : Float32Array.from(t.val);
  const { XHt, HHt } = from ? { XHt: from.XHt.slice(), HHt: from.HHt.slice() } : products(colPtr, rowIdx, val, Ht, l, k);
  // The H step runs over two halves of the columns, the second on a worker thread when one is free.
  const sparseness = opts?.sparseness ?? 0;
  const penalized = sparseness > 0;
  const aa = penalized ? sumOfSquares(val) : 0;
  const l1 = penalized ? l1Penalty(colPtr, m, aa, sparseness) : 0;
  const hstep = new HStep(colPtr, rowIdx, val, m, k, l, Ht, { threads: opts?.threads, l1 });
  let first = from?.first ?? 0;
  let iterations = from?.iterations ?? 0;
  let violation = from?.violation ?? 0;
  let objective = from?.objective ?? Infinity;
  let change = from?.change ?? Infinity;
  // A resumed fit stops where a fit from the start would have (at this tolerance) before going on.
  const done = from !== undefined && converged(penalized, tol, first, violation, change);
  let shown = 0;
  let last = performance.now();
  try {
    await checkpoint(opts?.signal);
    for (let it = iterations + 1; it <= maxIter && !done; it++) {
      iterations = it;
      violation = cdSweepRows(W, l, k, HHt, XHt);
      if (sparseness > 0) normalizeW(W, l, hstep.Ht, m, k);
      const WtW = crossprod(W, l, k);
      violation += await hstep.run(W, WtW, HHt, XHt);
      if (it === 1) first = violation;
      if (penalized) {
        const now = penalizedObjective(aa, W, WtW, hstep.Ht, HHt, XHt, l1);
        change = now > 0 ? Math.abs(objective - now) / now : 0;
        objective = now;
      }
      if (converged(penalized, tol, first, violation, change)) break;
      // Progress: iterations used or log-distance to the tolerance, whichever is further; never backwards.
      const toGo = penalized ? Math.log(change) / Math.log((tol * tol) / 10) : Math.log(violation / first) / Math.log(tol);
      shown = Math.max(shown, it / maxIter, Math.min(1, toGo));
      opts?.onProgress?.(shown);
      if (performance.now() - last > 25) {
        await checkpoint(opts?.signal);
        last = performance.now();
      }
    }
    Ht.set(hstep.Ht);
  } finally {
    hstep.dispose();
  }
  // W and Ht as returned (a resume copies them before it goes on).
  const state = opts?.keepState ? { W, Ht, XHt, HHt, first, violation, objective, change, iterations } : undefined;
  return { W, Ht, iterations, error: relativeError(a, W, Ht, k), ...(state ? { state } : {}) };
}

/** A Ht (l x k) and Ht^T Ht from a start's Ht, with A column-major: what the first W step reads. */
function products(
  colPtr: Int32Array,
  rowIdx: Int32Array,
  val: Float32Array,
  Ht: Float64Array,
  l: number,
  k: number,
): { XHt: Float64Array; HHt: Float64Array } {
  const m = colPtr.length - 1;
  const XHt = new Float64Array(l * k);
  for (let c = 0; c < m; c++) {
    const h = c * k;
    for (let z = colPtr[c]; z < colPtr[c + 1]; z++) {
      const v = val[z];
      const o = rowIdx[z] * k;
      for (let r = 0; r < k; r++) XHt[o + r] += v * Ht[h + r];
    }
  }
  return { XHt, HHt: crossprod(Ht, m, k) };
}

/** ||A - W Ht^T||_F / ||A||_F without forming W Ht^T: ||A||^2 - 2 <A Ht, W> + <W^T W, Ht^T Ht>. */
export function relativeError(a: SignSplit, W: Float64Array, Ht: Float64Array, k: number): number {
  let aa = 0;
  let cross = 0;
  for (let p = 0; p < a.rows; p++)
    for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) {
      const v = a.val[z];
      aa += v * v;
      const h = a.col[z] * k;
      const o = p * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += W[o + t] * Ht[h + t];
      cross += v * s;
    }
  if (aa === 0) return 0;
  const WtW = crossprod(W, a.rows, k);
  const HtH = crossprod(Ht, a.cols, k);
  let quad = 0;
  for (let i = 0; i < k * k; i++) quad += WtW[i] * HtH[i];
  return Math.sqrt(Math.max(aa - 2 * cross + quad, 0) / aa);
}

/** Step 3 with NMF: the modules of Step 2's correlations. */
export async function nmf(
  corr: LocalityCorrelations,
  p: { modules: number; seed: number; nmfInit?: NmfInit },
  opts?: NmfOptions,
): Promise<Factorization> {
  const k = p.modules;
  const a = signSplit(corr);
  const init = opts?.init ?? p.nmfInit ?? 'nndsvd';
  const { W, Ht, iterations, error } = await nmfSignSplit(a, k, p.seed, { ...opts, init });
  return { k, W, patterns: signedPatterns(a, Ht, k), iterations, error };
}
