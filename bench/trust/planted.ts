// Trust on planted data: k chosen, strong modules vs the planted ones, and strong modules across pipeline seeds.
// usage: npx tsx bench/trust/planted.ts [--quick] [--only NAME] [--sparseness S] [--seeds-check] [--compare]   (markdown on stdout)
import { generatePlanted, type PlantedLayout, type PlantedOptions, type PlantedTruth } from '../../fixtures/planted';
import { RECOVERED_COS, pairWeight, scorePlanted, sparseCosine, type ScorablePair } from '../../fixtures/scorePlanted';
import { DEFAULT_NMF_SPARSENESS, DEFAULT_PARAMS } from '../../src/shared/params/types';
import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_TRUST, trustContext } from '../../src/engine/trust/trust';
import { stabilityAt } from '../../src/engine/trust/stability';
import { arg, patternCosine, sparsenessArg, trustRun } from './common';
import { cophenetic } from './consensus';

interface PlantedSet {
  name: string;
  seed: number;
  options: Partial<PlantedOptions> & PlantedLayout;
}

/** Ring positions (8 blobs) where modules recur in two distant regions that other modules share. */
const LAYOUTS: Record<number, number[][]> = {
  3: [[0, 4], [0, 1], [4, 5]],
  4: [[0, 4], [0], [4, 5], [2, 6]],
  5: [[0, 4], [2, 6], [0, 1, 2], [4], [5, 6, 7]],
  6: [[0, 4], [2, 6], [0, 2], [4, 6, 7], [1], [3, 5]],
};

function sets(quick: boolean): PlantedSet[] {
  const out: PlantedSet[] = [];
  const sizes: [number, number][] = quick ? [[4000, 40]] : [[3000, 30], [6000, 60]];
  const seeds = quick ? [1] : [1, 2];
  for (const m of [3, 4, 5, 6])
    for (const [samples, features] of sizes)
      for (const seed of seeds)
        out.push({ name: `random m${m} ${samples}x${features} s${seed}`, seed, options: { samples, features, modules: m } });
  for (const m of [3, 4, 5, 6])
    for (const seed of seeds)
      out.push({
        name: `distant m${m} 4000x40 s${seed}`,
        seed,
        options: { samples: 4000, features: 40, modules: m, moduleBlobs: LAYOUTS[m] },
      });
  return out;
}

/** Planted modules switched on in the very same blobs are one module to any locality-based method. */
function distinctBlobSets(truth: PlantedTruth): number {
  return new Set(truth.modules.map((m) => [...m.blobs].sort((a, b) => a - b).join(','))).size;
}

function pairMap(pairs: ScorablePair[]): Map<string, number> {
  return new Map(pairs.map((p) => [p.a <= p.b ? `${p.a}\u0000${p.b}` : `${p.b}\u0000${p.a}`, pairWeight(p)]));
}

async function plantedRow(s: PlantedSet, pipelineSeed = 0) {
  const { csv, truth } = generatePlanted(s.seed, { blobs: 8, ...s.options });
  const params = { ...DEFAULT_PARAMS, embedding: ['x', 'y'], seed: pipelineSeed, ...sparsenessArg() };
  const run = await trustRun({ file: 'planted.csv', bytes: Buffer.from(csv) }, params, 'auto');
  const strong = run.modules.filter((m) => m.trust.strong);
  const score = scorePlanted({ modules: strong.map((m) => m.summary) }, truth);
  const planted = truth.modules.map((t) => pairMap(t.pairs.map(([a, b, r]) => ({ a, b, r }))));
  const unmatched = strong.filter((m) => {
    const v = pairMap(m.summary.pairs);
    return Math.max(...planted.map((t) => sparseCosine(t, v))) < RECOVERED_COS;
  }).length;
  return { truth, run, strong, score, unmatched };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = arg('--only', '');
  console.log('| set | planted m (distinct blob sets) | k chosen | stability by k | strong | weak | recovered by strong | strong matching none | pass | trust s |');
  console.log('| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: |');
  let pass = 0;
  const list = sets(quick).filter((s) => !only || s.name.includes(only));
  for (const s of list) {
    const { truth, run, strong, score, unmatched } = await plantedRow(s);
    const m = truth.modules.length;
    const distinct = distinctBlobSets(truth);
    const ok = strong.length === distinct && score.recovered === distinct && unmatched === 0;
    if (ok) pass++;
    const curve = run.report.moduleSelection.candidates.map((c) => `${c.k}:${c.stability.toFixed(2)}`).join(' ');
    console.log(
      `| ${s.name} | ${m} (${distinct}) | ${run.report.moduleSelection.chosen} | ${curve} | ${strong.length} | ${run.modules.length - strong.length} | ${score.recovered}/${m} | ${unmatched} | ${ok ? 'yes' : 'no'} | ${(run.trustMs / 1000).toFixed(1)} |`,
    );
  }
  console.log(`\n${pass} of ${list.length} sets pass (strong = distinct planted blob sets, each recovered, none unmatched).`);
  if (process.argv.includes('--seeds-check')) await seedsCheck(list.filter((s) => s.name.startsWith('distant')));
  if (process.argv.includes('--compare')) await compare(list);
}

/**
 * Our rule against consensus NMF on the same subsample fits: per k, the least stable module's matched
 * cosine and the cophenetic correlation; Brunet's k is the one before the largest drop of the latter.
 */
async function compare(list: PlantedSet[]): Promise<void> {
  console.log('\n| set | distinct m | ours: k (least stable module by k) | consensus: k (cophenetic by k) |');
  console.log('| --- | ---: | --- | --- |');
  let ours = 0;
  let brunet = 0;
  for (const s of list) {
    const { csv, truth } = generatePlanted(s.seed, { blobs: 8, ...s.options });
    const params = { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 1, ...sparsenessArg() };
    const out = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params });
    const p = out.prepared;
    const input = { X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities };
    const ctx = trustContext({ ...input, correlations: out.correlations, params }, DEFAULT_TRUST);
    const sparseness = params.nmfSparseness ?? DEFAULT_NMF_SPARSENESS;
    const fit = { init: params.nmfInit, sparseness, seed: 0, tol: DEFAULT_TRUST.scanTol, maxIter: DEFAULT_TRUST.scanIterations };
    const ks = Array.from({ length: 9 }, (_, i) => i + 2);
    const stab: number[] = [];
    const coph: number[] = [];
    for (const k of ks) {
      stab.push((await stabilityAt(ctx.a, k, ctx.subsets, fit)).stability);
      coph.push(await cophenetic(ctx.a, k, ctx.subsets, fit));
    }
    let last = -1;
    stab.forEach((v, i) => v >= DEFAULT_TRUST.stableAt && (last = i));
    const kOurs = last < 0 ? ks[0] : ks[last];
    let drop = 0;
    for (let i = 1; i < ks.length; i++) if (coph[i - 1] - coph[i] > coph[drop] - coph[drop + 1]) drop = i - 1;
    const kBrunet = ks[drop];
    const m = distinctBlobSets(truth);
    if (kOurs === m) ours++;
    if (kBrunet === m) brunet++;
    const fmt = (v: number[], d: number) => ks.map((k, i) => `${k}:${v[i].toFixed(d)}`).join(' ');
    console.log(`| ${s.name} | ${m} | **${kOurs}** (${fmt(stab, 2)}) | **${kBrunet}** (${fmt(coph, 3)}) |`);
  }
  console.log(`\nk = distinct planted m: ours ${ours} of ${list.length}, consensus ${brunet} of ${list.length}.`);
}

/** Strong modules of pipeline seeds 1..4 against seed 0's: each one's best pattern cosine. */
async function seedsCheck(list: PlantedSet[]): Promise<void> {
  console.log('\n| set | strong per seed 0..4 | worst best-cosine of a strong module vs seed 0 (both ways) |');
  console.log('| --- | --- | ---: |');
  for (const s of list) {
    const runs = [];
    for (let seed = 0; seed < 5; seed++) runs.push((await plantedRow(s, seed)).strong);
    let worst = 1;
    for (const other of runs.slice(1))
      for (const [x, y] of [[runs[0], other], [other, runs[0]]])
        for (const m of x) worst = Math.min(worst, Math.max(0, ...y.map((o) => patternCosine(m.summary.pattern, o.summary.pattern))));
    console.log(`| ${s.name} | ${runs.map((r) => r.length).join(' ')} | ${worst.toFixed(3)} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
