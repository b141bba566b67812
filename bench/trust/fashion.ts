// Trust on Fashion-MNIST 10k (bench/datasets.ts builds it): strong modules' pixel maps (Moran's I), and the cost of auto vs fixed k.
// usage: npx tsx bench/trust/fashion.ts moran [--features 784]     strong modules' Moran's I at the defaults
//        npx tsx bench/trust/fashion.ts cost [--features 256] [--rounds 3]   fixed k = 8 (before trust, and with its
//        measures) and auto, alternating
import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';
import { factorize } from '../../src/engine/factorize/factorize';
import { summarizeModules } from '../../src/engine/modules';
import { ensureDirs, fashionSet } from '../datasets';
import { arg, trustRun } from './common';
import { moransI, pixelMap } from './moran';

async function data(features: number) {
  ensureDirs('.');
  const set = await fashionSet('.', features, 30 * 60 * 1000);
  return { file: set.file, params: { ...DEFAULT_PARAMS, embedding: set.embedding, maxFeatures: features } };
}

async function moran(features: number): Promise<void> {
  const { file, params } = await data(features);
  const run = await trustRun({ file }, params, 'auto');
  const sel = run.report.moduleSelection;
  console.log(`fashion10k, ${features} pixels: k = ${sel.chosen} chosen from ${sel.candidates.map((c) => `${c.k}:${c.stability.toFixed(2)}`).join(' ')}`);
  console.log('\n| module | strong | strength | stability | p | r where active | Moran\'s I | name |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  const strongI: number[] = [];
  for (const m of run.modules) {
    const I = moransI(pixelMap(m.summary.pairs, 28), 28);
    if (m.trust.strong) strongI.push(I);
    const t = m.trust;
    console.log(`| M${m.summary.id + 1} | ${t.strong ? 'yes' : 'no'} | ${t.strength.toFixed(3)} | ${t.stability.toFixed(3)} | ${t.significance.toFixed(3)} | ${t.correlation.toFixed(2)} | ${I.toFixed(3)} | ${m.summary.name} |`);
  }
  const mean = strongI.reduce((s, x) => s + x, 0) / Math.max(1, strongI.length);
  console.log(`\n${strongI.length} strong modules, mean Moran's I ${strongI.length ? mean.toFixed(3) : '-'} (target >= 0.7)`);
  console.log(`steps 1-2 ${(run.stepsMs / 1000).toFixed(1)} s, trust ${(run.trustMs / 1000).toFixed(1)} s`);
}

/** Today's fixed-k run before trust was wired in: Steps 1-2 (a k = 1 run less its Step 3), then Step 3 alone at k = 8. */
async function fixedBefore(file: string, params: LavaParams): Promise<number> {
  const out = await runPipeline({ file, params: { ...params, modules: 1 } });
  const t = out.result.timings;
  const t0 = performance.now();
  const fac = await factorize(out.correlations, { ...params, modules: 8 });
  summarizeModules(fac, out.correlations, out.localities, out.prepared.E, out.prepared.features);
  return (t.total - (t.modules ?? 0) + performance.now() - t0) / 1000;
}

/** One whole run as the CLI makes it, seconds. */
async function wholeRun(file: string, params: LavaParams): Promise<{ s: number; k: number }> {
  const t0 = performance.now();
  const { result } = await runPipeline({ file, params });
  return { s: (performance.now() - t0) / 1000, k: result.moduleSelection.chosen };
}

async function cost(features: number, rounds: number): Promise<void> {
  const { file, params } = await data(features);
  console.log('| round | fixed k = 8 before trust, s | fixed k = 8 with its measures, s | auto (default), s | auto / before | fixed with measures / before |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  const ratios: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    // Alternating in one process, so that the load of the machine weighs on all alike.
    const before = await fixedBefore(file, params);
    const fixed = await wholeRun(file, { ...params, modules: 8 });
    const auto = await wholeRun(file, params);
    ratios.push(auto.s / before);
    console.log(`| ${r} | ${before.toFixed(1)} | ${fixed.s.toFixed(1)} | ${auto.s.toFixed(1)} (k = ${auto.k}) | ${(auto.s / before).toFixed(2)} | ${(fixed.s / before).toFixed(2)} |`);
  }
  ratios.sort((a, b) => a - b);
  console.log(`\nmedian auto / fixed before: ${ratios[ratios.length >> 1].toFixed(2)} (target <= 2.5)`);
}

const [what] = process.argv.slice(2);
const features = Number(arg('--features', what === 'cost' ? '256' : '784'));
(what === 'moran' ? moran(features) : what === 'cost' ? cost(features, Number(arg('--rounds', '3'))) : Promise.reject(new Error('usage: fashion.ts moran|cost [--features F] [--rounds N]'))).catch(
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
