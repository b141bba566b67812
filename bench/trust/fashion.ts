// Trust on Fashion-MNIST 10k (bench/datasets.ts builds it): strong modules' pixel maps (Moran's I), and the cost of auto vs fixed k.
// usage: npx tsx bench/trust/fashion.ts moran [--features 784]     strong modules' Moran's I at the defaults
//        npx tsx bench/trust/fashion.ts cost [--features 256] [--rounds 3]   fixed k = 8 and auto, alternating
import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
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

async function cost(features: number, rounds: number): Promise<void> {
  const { file, params } = await data(features);
  console.log('| round | fixed k = 8, s | auto, s (steps 1-2 + trust) | auto / fixed |');
  console.log('| ---: | ---: | ---: | ---: |');
  const ratios: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    // Alternating in one process, so that the load of the machine weighs on both alike.
    const t0 = performance.now();
    await runPipeline({ file, params });
    const fixed = (performance.now() - t0) / 1000;
    const run = await trustRun({ file }, params, 'auto');
    const auto = (run.stepsMs + run.trustMs) / 1000;
    ratios.push(auto / fixed);
    console.log(`| ${r} | ${fixed.toFixed(1)} | ${auto.toFixed(1)} (${(run.stepsMs / 1000).toFixed(1)} + ${(run.trustMs / 1000).toFixed(1)}), k = ${run.report.moduleSelection.chosen} | ${(auto / fixed).toFixed(2)} |`);
  }
  ratios.sort((a, b) => a - b);
  console.log(`\nmedian auto / fixed: ${ratios[ratios.length >> 1].toFixed(2)} (target <= 2.5)`);
}

const [what] = process.argv.slice(2);
const features = Number(arg('--features', what === 'cost' ? '256' : '784'));
(what === 'moran' ? moran(features) : what === 'cost' ? cost(features, Number(arg('--rounds', '3'))) : Promise.reject(new Error('usage: fashion.ts moran|cost [--features F] [--rounds N]'))).catch(
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
