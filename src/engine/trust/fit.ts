// One fit of a sign-split matrix by the engine's own Step 3 (NMF, or Boolean Asso), kept with what the trust measures need.
import { nmfSignSplit, type NmfInit, type NmfState } from '../factorize/nmf';
import { assoSignSplit } from '../factorize/asso';
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
  /** Where NMF stopped, when asked for (keepState): a later fit of the same A and k can go on from it. */
  state?: NmfState;
}

export interface FitOptions {
  /** Step 3's method; Asso is deterministic and has no start, tolerance or iterations. */
  method?: 'nmf' | 'boolean';
  init: NmfInit;
  seed: number;
  maxIter?: number;
  tol?: number;
  /** NMF's L1 penalty on H (nmf.ts NmfOptions.sparseness); 0 or unset: none. */
  sparseness?: number;
  signal?: AbortSignal;
  threads?: 'auto' | 'one' | 'two';
  onProgress?: (fraction: number) => void;
  /** Go on from an earlier fit's state (same A and k), or keep this fit's state to go on from later (NMF only). */
  resume?: NmfState;
  keepState?: boolean;
  /** Counts the fits made (a context's cost so far: trust.ts), and how many of them ran on the scan's thread. */
  count?: { fits: number; onThread?: number };
}

/** Below the engine's own threshold for its H-step thread, but worth a second core in the many fits of a scan. */
export const SCAN_THREAD_NNZ = 250_000;

export async function fitModules(a: SignSplit, k: number, o: FitOptions): Promise<Fit> {
  if (o.count) o.count.fits++;
  if (o.method === 'boolean') {
    const r = assoSignSplit(a, k);
    const Ht = Float64Array.from(r.Ht);
    o.onProgress?.(1);
    return { k, W: r.W, Ht, patterns: signedPatterns(a, Ht, k), error: r.error, iterations: k };
  }
  const threads = o.threads ?? (a.val.length >= SCAN_THREAD_NNZ ? 'two' : 'auto');
  const r = await nmfSignSplit(a, k, o.seed, {
    init: o.init,
    maxIter: o.maxIter,
    tol: o.tol,
    sparseness: o.sparseness,
    signal: o.signal,
    threads,
    onProgress: o.onProgress,
    resume: o.resume,
    keepState: o.keepState,
  });
  const { W, Ht, error, iterations, state } = r;
  return { k, W, Ht, patterns: signedPatterns(a, Ht, k), error, iterations, ...(state ? { state } : {}) };
}
