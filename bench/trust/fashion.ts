// Trust on Fashion-MNIST 10k (bench/datasets.ts builds it): strong modules' pixel maps (Moran's I), and the cost of auto vs fixed k.
// usage: npx tsx bench/trust/fashion.ts moran [--features 784] [--sparseness S]   strong modules' Moran's I at the defaults
//        npx tsx bench/trust/fashion.ts cost [--features 256] [--rounds 3] [--reference]   fixed k = 8 (before trust,
//        and with its measures) and auto, alternating; --reference adds the numpy reference at k = 8 (bench/reference/)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';
import { factorize } from '../../src/engine/factorize/factorize';
import { summarizeModules } from '../../src/engine/modules';
import { ensureDirs, fashionSet } from '../datasets';
import { PYTHON, refArgs } from '../runs';
import { arg, sparsenessArg, trustRun } from './common';
import { moransI, pixelMap } from './moran';

async function data(features: number) {
  ensureDirs('.');
  const set = await fashionSet('.', features, 30 * 60 * 1000);
  return { file: set.file, params: { ...DEFAULT_PARAMS, embedding: set.embedding, maxFeatures: features, ...sparsenessArg() } };
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

/** Wall and CPU seconds (every thread of this process) of `job`. */
async function timed<T>(job: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await job();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, value };
}

/** Today's fixed-k run before trust was wired in: Steps 1-2 (a k = 1 run less its Step 3), then Step 3 alone at k = 8. */
async function fixedBefore(file: string, params: LavaParams): Promise<{ wall: number; cpu: number }> {
  const steps = await timed(() => runPipeline({ file, params: { ...params, modules: 1 } }));
  const out = steps.value;
  const step3 = out.result.timings.modules ?? 0;
  // The k = 1 Step 3's share of the CPU, taken as its share of the wall time (it is a small part).
  const keep = 1 - step3 / 1000 / steps.wall;
  const fac = await timed(async () => {
    const f = await factorize(out.correlations, { ...params, modules: 8 });
    return summarizeModules(f, out.correlations, out.localities, out.prepared.E, out.prepared.features);
  });
  return { wall: steps.wall * keep + fac.wall, cpu: steps.cpu * keep + fac.cpu };
}

/** The numpy reference at the bench's fixed k (bench/runs.ts), wall seconds: what a user of it runs instead. */
function referenceRun(file: string, params: LavaParams): number {
  const out = join(tmpdir(), `lava-ref-${process.pid}.json`);
  const set = { file, embedding: params.embedding, maxFeatures: params.maxFeatures };
  const t0 = performance.now();
  const r = spawnSync(PYTHON, refArgs(set, out), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  rmSync(out, { force: true });
  if (r.status !== 0) throw new Error(`the reference failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return wall;
}

async function cost(features: number, rounds: number, reference: boolean): Promise<void> {
  const { file, params } = await data(features);
  const refHead = reference ? ' reference k = 8, s | auto / reference |' : '';
  console.log(`| round | fixed k = 8 before trust, s (CPU s) | fixed k = 8 with its measures, s (CPU s) | auto (default), s (CPU s) | auto / before, wall (CPU) | fixed with measures / before, wall (CPU) |${refHead}`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: |${reference ? ' ---: | ---: |' : ''}`);
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const refRatios: number[] = [];
  const cell = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(1)} (${t.cpu.toFixed(1)})`;
  const ratio = (x: { wall: number; cpu: number }, y: { wall: number; cpu: number }) =>
    `${(x.wall / y.wall).toFixed(2)} (${(x.cpu / y.cpu).toFixed(2)})`;
  for (let r = 1; r <= rounds; r++) {
    // Alternating in one process, so that the load of the machine weighs on all alike.
    const before = await fixedBefore(file, params);
    const fixed = await timed(() => runPipeline({ file, params: { ...params, modules: 8 } }));
    const auto = await timed(() => runPipeline({ file, params }));
    const ref = reference ? referenceRun(file, params) : 0;
    ratios.push(auto.wall / before.wall);
    cpuRatios.push(auto.cpu / before.cpu);
    if (reference) refRatios.push(auto.wall / ref);
    const k = auto.value.result.moduleSelection.chosen;
    const refCells = reference ? ` ${ref.toFixed(1)} | ${(auto.wall / ref).toFixed(2)} |` : '';
    console.log(`| ${r} | ${cell(before)} | ${cell(fixed)} | ${cell(auto)}, k = ${k} | ${ratio(auto, before)} | ${ratio(fixed, before)} |${refCells}`);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1].toFixed(2);
  console.log(`\nmedian auto / fixed before: ${median(ratios)} wall, ${median(cpuRatios)} CPU (target <= 2.5)`);
  if (reference) console.log(`median auto / reference at k = 8: ${median(refRatios)} wall (target <= 0.5)`);
}

const [what] = process.argv.slice(2);
const features = Number(arg('--features', what === 'cost' ? '256' : '784'));
(what === 'moran' ? moran(features) : what === 'cost' ? cost(features, Number(arg('--rounds', '3')), process.argv.includes('--reference')) : Promise.reject(new Error('usage: fashion.ts moran|cost [--features F] [--rounds N]'))).catch(
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
