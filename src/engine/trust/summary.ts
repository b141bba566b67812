// The trusted modules as the result's module summaries (Step 3's own summarizeModules), strongest first.
import { summarizeModules } from '../modules';
import type { Factorization, Localities, LocalityCorrelations } from '../types';
import type { ModuleResult } from '../../shared/result/types';
import type { ModuleTrust, TrustReport } from './trust';

/** One factor of a fit as a fit of its own (k = 1), so that summarizeModules keeps our order. */
function single(f: Factorization, m: number, P: number): Factorization {
  const l = f.W.length / f.k;
  return {
    k: 1,
    W: Float64Array.from({ length: l }, (_, p) => f.W[p * f.k + m]),
    patterns: f.patterns.slice(m * P, (m + 1) * P),
    iterations: f.iterations,
    error: f.error,
  };
}

/** Each module's summary beside its trust, strongest first, ids 0.. in that order. */
export function trustedSummaries(
  report: TrustReport,
  corr: LocalityCorrelations,
  loc: Localities,
  E: number,
  features: string[],
): { summary: ModuleResult; trust: ModuleTrust }[] {
  return report.modules.map((trust, id) => {
    const [summary] = summarizeModules(single(report.factorization, trust.factor, corr.P), corr, loc, E, features);
    return { summary: { ...summary, id }, trust };
  });
}
