// The trusted modules as the result's module summaries (Step 3's own summarizeModules), strongest first, with names that mean something.
import { summarizeModules } from '../modules';
import type { Factorization, Localities, LocalityCorrelations, PreparedMetadata } from '../types';
import type { ModuleResult } from '../../shared/result/types';
import { activeRows } from '../../shared/result/active';
import { dominantCategory, moduleName, topFeatures, type Category } from './names';
import type { ModuleTrust, TrustReport } from './trust';

/** Features named in a module's name. */
export const NAME_FEATURES = 3;

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

export interface SummaryInput {
  X: Float64Array;
  E: number;
  F: number;
  features: string[];
  metadata: PreparedMetadata[];
  localities: Localities;
  correlations: LocalityCorrelations;
}

export interface TrustedModule {
  summary: ModuleResult;
  trust: ModuleTrust;
  /** The named features (indices) and the dominant category of the active rows, if any. */
  top: number[];
  category: Category | null;
}

/** Each module's summary beside its trust, strongest first, ids 0.. in that order, named by its varying top features. */
export function trustedSummaries(report: TrustReport, s: SummaryInput): TrustedModule[] {
  const { localities: loc } = s;
  const numeric = new Set(s.metadata.filter((c) => c.kind === 'numeric').map((c) => c.name));
  return report.modules.map((trust, id) => {
    const fac = single(report.factorization, trust.factor, s.correlations.P);
    const [summary] = summarizeModules(fac, s.correlations, loc, s.E, s.features);
    const mask = activeRows(fac.W, loc, s.E);
    const rows: number[] = [];
    mask.forEach((v, i) => v && rows.push(i));
    const top = topFeatures(summary.featureWeights, s.X, s.F, rows, NAME_FEATURES);
    const category = dominantCategory(s.metadata, rows, s.E);
    const name = summary.pairs.length ? moduleName(s.features, top, category, numeric) : summary.name;
    return { summary: { ...summary, id, name }, trust, top, category };
  });
}
