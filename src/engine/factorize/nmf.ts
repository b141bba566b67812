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
}

/** The NMF proper on a sign-split A: returns W (l x k), Ht (m x k), iterations, relative error. */
export async function nmfSignSplit(
  a: SignSplit,
  k: number,
  seed: number,
  opts?: NmfOptions,
): Promise<{ W: Float64Array; Ht: Float64Array; iterations: number; error: number }> {
  const l = a.rows;
  const m = a.cols;
  const maxIter = opts?.maxIter ?? 400;
  const tol = opts?.tol ?? 1e-4;
  // No significant correlation anywhere: nothing to factorize, every module is empty.
  if (a.val.length === 0)
    return { W: new Float64Array(l * k), Ht: new Float64Array(m * k), iterations: 0, error: 0 };
  const { W, Ht } = opts?.init === 'profiles' ? profileInit(a, k) : nndsvd(a, k, seed);
  // Column-major A (Float32 is exact: A's values came from Float32). One pass over its columns per
  // iteration does the whole H step: gather (A^T W)[c] from the small W, update Ht[c], then add the
  // new Ht[c] into Ht^T Ht and into A Ht (also small, l x k) for the next W step.
  const t = transpose(a);
  const colPtr = t.rowPtr;
  const rowIdx = t.col;
  const val = t.val instanceof Float32Array ? t.val : Float32Array.from(t.val);
  const XHt = new Float64Array(l * k);
  let HHt: Float64Array = new Float64Array(k * k);
  /** Ht^T Ht and A Ht from the current Ht (before the first W step). */
  const products = (): void => {
    XHt.fill(0);
    for (let c = 0; c < m; c++) {
      const h = c * k;
      for (let z = colPtr[c]; z < colPtr[c + 1]; z++) {
        const v = val[z];
        const o = rowIdx[z] * k;
        for (let r = 0; r < k; r++) XHt[o + r] += v * Ht[h + r];
      }
    }
    HHt = crossprod(Ht, m, k);
  };
  products();
  // The H step runs over two halves of the columns, the second on a worker thread when one is free.
  const hstep = new HStep(colPtr, rowIdx, val, m, k, l, Ht, { threads: opts?.threads });
  let first = 0;
  let iterations = 0;
  let shown = 0;
  let last = performance.now();
  try {
    await checkpoint(opts?.signal);
    for (let it = 1; it <= maxIter; it++) {
      iterations = it;
      let violation = cdSweepRows(W, l, k, HHt, XHt);
      const WtW = crossprod(W, l, k);
      violation += await hstep.run(W, WtW, HHt, XHt);
      if (it === 1) first = violation;
      if (first === 0 || violation / first <= tol) break;
      // Progress: iterations used or log-distance to the tolerance, whichever is further; never backwards.
      shown = Math.max(shown, it / maxIter, Math.min(1, Math.log(violation / first) / Math.log(tol)));
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
  return { W, Ht, iterations, error: relativeError(a, W, Ht, k) };
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
