// Step 3: Step 2's correlations factorized into k modules, by NMF (default) or Boolean Asso.
import { checkpoint } from '../errors';
import type { Factorization, LocalityCorrelations } from '../types';
import { assoFactorize, DEFAULT_ASSO, type AssoOptions } from './asso';
import { nmf, type NmfInit, type NmfOptions } from './nmf';
import { signSplit } from './sparse';

/**
 * Deterministic: the seed only fixes the start of the subspace iteration behind NNDSVD (the
 * 'profiles' start uses no randomness).
 */
export async function factorize(
  corr: LocalityCorrelations,
  p: { modules: number; factorization: 'nmf' | 'boolean'; seed: number; nmfInit?: NmfInit },
  opts?: NmfOptions & { asso?: AssoOptions },
): Promise<Factorization> {
  if (p.factorization === 'boolean') {
    await checkpoint(opts?.signal);
    const f = assoFactorize(signSplit(corr), p.modules, opts?.asso ?? DEFAULT_ASSO);
    opts?.onProgress?.(1);
    return f;
  }
  return nmf(corr, p, opts);
}
