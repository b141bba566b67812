// Where the default (auto) run's time goes on Fashion-MNIST 10k: steps 1-2, the k scan, the final fit with its measures;
// then a fixed k = 8 run's trust part from a fresh context, for comparison. Wall seconds, one process, `--rounds` alike.
// usage: npx tsx bench/trust/phases.ts [--features 256] [--rounds 2]
import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
import { DEFAULT_TRUST, fitOptions, trustContext, modulesAtK, type TrustContext } from '../../src/engine/trust/trust';
import { scanK } from '../../src/engine/trust/selectK';
import { ensureDirs, fashionSet } from '../datasets';
import { arg } from './common';

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** The scan as assess() runs it (trust.ts's own scan options), timed on its own. */
async function timedScan(ctx: TrustContext) {
  const t0 = performance.now();
  const scan = await scanK(ctx.a, ctx.subsets, ctx.settings, fitOptions(ctx, true), ctx.points);
  return { scan, wall: seconds(t0), fits: ctx.cost.fits };
}

async function main(): Promise<void> {
  const features = Number(arg('--features', '256'));
  ensureDirs('.');
  const set = await fashionSet('.', features, 30 * 60 * 1000);
  const params = { ...DEFAULT_PARAMS, embedding: set.embedding, maxFeatures: features, modules: 1 };
  for (let round = 1; round <= Number(arg('--rounds', '2')); round++) {
    let t0 = performance.now();
    const out = await runPipeline({ file: set.file, params });
    const steps = seconds(t0);
    const p = out.prepared;
    const input = { X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities, correlations: out.correlations, params: out.result.params };
    const ctx = trustContext(input, DEFAULT_TRUST);
    const { scan, wall, fits } = await timedScan(ctx);
    t0 = performance.now();
    const final = await modulesAtK(ctx, scan.chosen);
    const curve = scan.candidates.map((c) => `${c.k}:${c.stability.toFixed(2)}`).join(' ');
    console.log(`round ${round}: steps 1-2 ${steps} s (with a k = 1 Step 3), scan ${wall} s (${fits} fits; ${curve}), final fit and measures at k = ${scan.chosen} ${seconds(t0)} s (${final.factorization.iterations} iterations)`);
    t0 = performance.now();
    const fixed = trustContext(input, DEFAULT_TRUST);
    const at8 = await modulesAtK(fixed, 8);
    console.log(`  fixed k = 8, trust part: ${seconds(t0)} s (${fixed.cost.fits} fits, final fit ${at8.factorization.iterations} iterations)`);
  }
}

void main();
