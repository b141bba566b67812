// Planted data through Steps 1-2 and the trust assessment, for the trust tests.
import { generatePlanted, type PlantedLayout, type PlantedOptions, type PlantedTruth } from '../../../fixtures/planted';
import { runPipeline } from '../../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { assess, DEFAULT_TRUST, trustContext, type TrustReport } from '../../../src/engine/trust/trust';
import { trustedSummaries, type TrustedModule } from '../../../src/engine/trust/summary';

export async function plantedTrust(
  seed: number,
  options: Partial<PlantedOptions> & PlantedLayout,
  modules: number | 'auto',
): Promise<{ truth: PlantedTruth; report: TrustReport; modules: TrustedModule[] }> {
  const { csv, truth } = generatePlanted(seed, { blobs: 8, ...options });
  const params = { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 1 };
  const out = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params });
  const p = out.prepared;
  const steps = { X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities, correlations: out.correlations };
  const report = await assess(trustContext({ ...steps, params }, DEFAULT_TRUST), modules);
  return { truth, report, modules: trustedSummaries(report, { ...steps, features: p.features, metadata: p.metadata }) };
}
