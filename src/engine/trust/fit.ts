// One fit of a sign-split matrix by the engine's own Step 3 (NMF, or Boolean Asso), kept with what the trust measures need.
import { nmfSignSplit, type NmfInit } from '../factorize/nmf';
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
  /** Counts the fits made (a context's cost so far: trust.ts). */
  count?: { fits: number };
}

/** Below the engine's own threshold for its H-step thread, but worth a second core in the many fits of a scan. */
const SCAN_THREAD_NNZ = 250_000;

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
  });
  return { k, W: r.W, Ht: r.Ht, patterns: signedPatterns(a, r.Ht, k), error: r.error, iterations: r.iterations };
}
