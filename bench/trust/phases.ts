import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
import { DEFAULT_TRUST, trustContext, modulesAtK } from '../../src/engine/trust/trust';
import { scanK } from '../../src/engine/trust/selectK';
async function main() {
  const features = Number(process.argv[2] ?? 256);
  for (let round = 0; round < 2; round++) {
    let t0 = performance.now();
    const out = await runPipeline({ file: 'bench/data/fashion10k_umap.csv', params: { ...DEFAULT_PARAMS, embedding: ['umap_1', 'umap_2'], maxFeatures: features, modules: 1 } });
    const tSteps = performance.now() - t0;
    const p = out.prepared;
    const ctx = trustContext({ X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities, correlations: out.correlations, params: out.result.params }, DEFAULT_TRUST);
    const fo = { method: 'nmf' as const, init: 'profiles' as const, sparseness: 0.05, seed: 0, count: ctx.cost, tol: DEFAULT_TRUST.scanTol, maxIter: DEFAULT_TRUST.scanIterations };
    t0 = performance.now();
    const scan = await scanK(ctx.a, ctx.subsets, DEFAULT_TRUST, fo, ctx.points);
    const tScan = performance.now() - t0;
    const fitsScan = ctx.cost.fits;
    t0 = performance.now();
    const rep = await modulesAtK(ctx, scan.chosen);
    const tFinal = performance.now() - t0;
    console.log(`round ${round}: steps ${(tSteps / 1000).toFixed(1)} s, scan ${(tScan / 1000).toFixed(1)} s (${fitsScan} fits, ${scan.candidates.map((c) => `${c.k}:${c.stability.toFixed(2)}`).join(' ')}), final k=${scan.chosen} ${(tFinal / 1000).toFixed(1)} s (iterations ${rep.factorization.iterations})`);
    t0 = performance.now();
    const ctx8 = trustContext(ctx.input, DEFAULT_TRUST);
    const r8 = await modulesAtK(ctx8, 8);
    console.log(`   fixed k=8 trust: ${((performance.now() - t0) / 1000).toFixed(1)} s (${ctx8.cost.fits} fits, iterations ${r8.factorization.iterations})`);
  }
}
void main();
