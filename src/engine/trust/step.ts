// Step 3 with the trust measures, as the pipeline runs it: k by stability (or given), modules strongest first with
// strength, stability, significance and strong; and another k later from the kept context, as a whole new result.
import type { LavaParams } from '../../shared/params/types';
import type { LavaResult, ModuleResult, ModuleSelection } from '../../shared/result/types';
import { moduleFields } from '../result';
import { assess, modulesAtK, trustContext, trustSettings, type TrustContext, type TrustProgress, type TrustReport } from './trust';
import { trustedSummaries, type SummaryInput } from './summary';

/** What a run keeps to change k later: the trust context and what names the modules. */
export interface KeptTrust {
  context: TrustContext;
  summary: SummaryInput;
}

export interface TrustedStep {
  report: TrustReport;
  modules: ModuleResult[];
  kept: KeptTrust;
}

/** Step 3: the context from Steps 1-2's outputs, then the assessment at params.modules. */
export async function trustedStep(
  summary: SummaryInput & { Z: Float64Array; d: number },
  params: LavaParams,
  opts: TrustProgress = {},
): Promise<TrustedStep> {
  const { X, E, F, Z, d, localities, correlations } = summary;
  const context = trustContext({ X, E, F, Z, d, localities, correlations, params }, trustSettings(params));
  const report = await assess(context, params.modules, opts);
  const modules = trustedSummaries(report, summary).map((m) => m.summary);
  return { report, modules, kept: { context, summary } };
}

/**
 * The candidates with a k scanned since (a k outside the scan gets its point when asked for), in k order; a k
 * the scan scored on fewer subsamples (it could not be stable) shows its completed point once asked for.
 */
function withPoints(sel: ModuleSelection, ctx: TrustContext): ModuleSelection['candidates'] {
  if (sel.candidates.length === 0) return [];
  const byK = new Map(sel.candidates.map((c) => [c.k, c]));
  for (const [k, p] of ctx.points) byK.set(k, { k, stability: p.stability, error: p.full.error });
  return [...byK.values()].sort((a, b) => a.k - b.k);
}

/**
 * `previous` (a result of the same run) at another k: only the final fit and the module measures are new
 * (trust.ts modulesAtK); everything before Step 3 is the previous result's. The k is the user's now ("fixed",
 * given as a command), and the k stability chose stays in moduleSelection.autoChosen.
 */
export async function resultAtK(
  previous: LavaResult,
  kept: KeptTrust,
  k: number,
  opts: TrustProgress = {},
): Promise<LavaResult> {
  const t0 = performance.now();
  const at = await modulesAtK(kept.context, k, opts);
  const prev = previous.moduleSelection;
  const moduleSelection: ModuleSelection = {
    mode: 'fixed',
    chosen: k,
    candidates: withPoints(prev, kept.context),
    ...(prev.mode === 'auto' ? { autoChosen: prev.chosen } : prev.autoChosen ? { autoChosen: prev.autoChosen } : {}),
  };
  const report = { ...at, moduleSelection };
  const modules = trustedSummaries(report, kept.summary).map((m) => m.summary);
  const params = { ...previous.params, modules: k };
  const ms = Math.round(performance.now() - t0);
  const { modules: before = 0, total = 0 } = previous.timings;
  return {
    ...previous,
    params,
    paramSources: { ...(previous.paramSources ?? {}), modules: 'command' },
    ...moduleFields(params, report.factorization, moduleSelection, modules),
    timings: { ...previous.timings, modules: ms, total: total - before + ms },
  };
}
