// The trusted modules as the result's module summaries (Step 3's own summarizeModules), strongest first, with names that mean something.
import { round6, summarizeModules, type ModuleSummary } from '../modules';
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
    return { summary: withTrust({ ...summary, id, name }, trust), trust, top, category };
  });
}

/** A correlation to 4 decimals: far below its sampling error on a locality's rows, and 2 bytes a pair shorter. */
function rValue(r: number): number {
  return Math.round(r * 1e4) / 1e4;
}

/**
 * The module as the result holds it: each listed pair's r where active (the support's pairs are the summary's
 * listed pairs, both the strongest by |weight| in the same order) and the module's trust measures.
 */
function withTrust(summary: ModuleSummary, t: ModuleTrust): ModuleResult {
  if (t.pairs.length !== summary.pairs.length)
    throw new Error(`trust: ${t.pairs.length} support pairs for ${summary.pairs.length} listed pairs`);
  return {
    ...summary,
    pairs: summary.pairs.map((p, i) => ({ a: p.a, b: p.b, r: rValue(t.pairCorrelation[i]), weight: p.weight })),
    strength: round6(t.strength),
    stability: round6(t.stability),
    significance: round6(t.significance),
    strong: t.strong,
    rWhereActive: rValue(t.correlation),
  };
}
