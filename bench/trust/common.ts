// Shared by the trust benches: steps 1-2 once, then trust at auto or a fixed k, summarized; pattern cosines between runs.
import { runPipeline } from '../../src/engine/pipeline';
import type { LavaParams } from '../../src/shared/params/types';
import { assess, DEFAULT_TRUST, trustContext, type TrustSettings } from '../../src/engine/trust/trust';
import { trustedSummaries, type TrustedModule } from '../../src/engine/trust/summary';
import type { TrustReport } from '../../src/engine/trust/trust';
import { patternCosines } from '../../src/engine/trust/match';

export interface TrustRun {
  report: TrustReport;
  modules: TrustedModule[];
  /** Wall ms: steps 1-2 (the pipeline's own timings, without its k = 1 factorization) and the trust part. */
  stepsMs: number;
  trustMs: number;
}

/** The pipeline up to Step 2 from CSV bytes (or a file), then trust at `modules`. */
export async function trustRun(
  input: { file: string; bytes?: Uint8Array },
  params: LavaParams,
  modules: number | 'auto',
  settings: TrustSettings = DEFAULT_TRUST,
): Promise<TrustRun> {
  // k = 1 makes the pipeline's own (unused) factorization nearly free; its time is left out below.
  const out = await runPipeline({ ...input, params: { ...params, modules: 1 } });
  const t = out.result.timings;
  const stepsMs = t.total - (t.modules ?? 0);
  const t0 = performance.now();
  const p = out.prepared;
  const steps = { X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities, correlations: out.correlations };
  const ctx = trustContext({ ...steps, params: out.result.params }, settings);
  const report = await assess(ctx, modules);
  const summaries = trustedSummaries(report, { ...steps, features: p.features, metadata: p.metadata });
  return { report, modules: summaries, stepsMs, trustMs: performance.now() - t0 };
}

/** Cosine of two modules' patterns (Float32, the in-memory result's form). */
export function patternCosine(a: Float32Array, b: Float32Array): number {
  return patternCosines(a, 1, b, 1, a.length)[0];
}

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** --sparseness S: NMF's L1 penalty on H (the nmfSparseness option) for every run; absent: the default. */
export function sparsenessArg(): { nmfSparseness?: number } {
  const s = arg('--sparseness', '');
  return s === '' ? {} : { nmfSparseness: Number(s) };
}
