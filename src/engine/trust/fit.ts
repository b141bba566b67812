// One NMF fit of a sign-split matrix (the engine's own nmfSignSplit), kept with what the trust measures need.
import { nmfSignSplit, type NmfInit } from '../factorize/nmf';
import { signedPatterns } from '../factorize/patterns';
import type { SignSplit } from '../factorize/sparse';

export interface Fit {
  k: number;
  /** rows x k loadings, row-major. */
  W: Float64Array;
  /** cols x k sign-split pattern weights, row-major (over the SignSplit's active columns). */
  Ht: Float64Array;
  /** k x P signed patterns. */
  patterns: Float32Array;
  error: number;
  iterations: number;
}

export interface FitOptions {
  init: NmfInit;
  seed: number;
  maxIter?: number;
  tol?: number;
  signal?: AbortSignal;
  threads?: 'auto' | 'one' | 'two';
}

/** Below the engine's own threshold for its H-step thread, but worth a second core in the many fits of a scan. */
const SCAN_THREAD_NNZ = 250_000;

export async function fitNmf(a: SignSplit, k: number, o: FitOptions): Promise<Fit> {
  const threads = o.threads ?? (a.val.length >= SCAN_THREAD_NNZ ? 'two' : 'auto');
  const r = await nmfSignSplit(a, k, o.seed, { init: o.init, maxIter: o.maxIter, tol: o.tol, signal: o.signal, threads });
  return { k, W: r.W, Ht: r.Ht, patterns: signedPatterns(a, r.Ht, k), error: r.error, iterations: r.iterations };
}
