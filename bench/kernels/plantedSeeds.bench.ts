// Seed sweep of NMF starts on planted data: planted modules recovered per seed for each start (nndsvd, profiles).
// Run: node --import tsx bench/kernels/plantedSeeds.bench.ts [--seeds 0-9] [--samples 4000] [--features 40]
//        [--inits nndsvd,profiles] [--modules 8] [--ref]
// Steps 1-2 run once per seed (the NMF start does not touch them); Step 3 and the score run per start.
// --ref also runs the numpy reference (bench/reference/lava_ref.py) and prints, per start, the mean over
// reference modules of the best cosine among ours (agreement).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../src/engine/pipeline';
import { factorize } from '../../src/engine/factorize/factorize';
import type { NmfInit } from '../../src/engine/factorize/nmf';
import { summarizeModules } from '../../src/engine/modules';
import { generatePlanted, type PlantedTruth } from '../../fixtures/planted';
import { pairWeight, scorePlanted, sparseCosine, type ScorableResult } from '../../fixtures/scorePlanted';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';
import { PYTHON, REFERENCE } from '../runs';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function parseSeeds(s: string): number[] {
  return s.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

/** Mean over the reference's modules of the best cosine (over their top pairs) among ours. */
function agreement(ours: ScorableResult, ref: ScorableResult): number {
  const vec = (m: ScorableResult['modules'][number]) =>
    new Map(m.pairs.map((p) => [p.a <= p.b ? `${p.a}\u0000${p.b}` : `${p.b}\u0000${p.a}`, pairWeight(p)]));
  const mine = ours.modules.map(vec);
  const refs = ref.modules.map(vec).filter((v) => v.size > 0);
  let total = 0;
  for (const r of refs) total += Math.max(0, ...mine.map((o) => sparseCosine(r, o)));
  return refs.length ? total / refs.length : NaN;
}

async function main(): Promise<void> {
  const seeds = parseSeeds(arg('--seeds', '0-9'));
  const samples = Number(arg('--samples', '4000'));
  const features = Number(arg('--features', '40'));
  const inits = arg('--inits', 'nndsvd,profiles').split(',') as NmfInit[];
  const withRef = process.argv.includes('--ref');
  const dir = mkdtempSync(join(tmpdir(), 'planted-seeds-'));
  const totals = new Map<NmfInit, { recovered: number; all5: number; agree: number[] }>(
    inits.map((i) => [i, { recovered: 0, all5: 0, agree: [] }]),
  );
  console.log(`samples=${samples} features=${features} seeds=${seeds.join(',')}`);
  for (const seed of seeds) {
    const csvPath = join(dir, `p${seed}.csv`);
    const g = generatePlanted(seed, { samples, features });
    writeFileSync(csvPath, g.csv);
    const truth: PlantedTruth = g.truth;
    let ref: ScorableResult | null = null;
    if (withRef) {
      const refPath = join(dir, `p${seed}.ref.json`);
      execFileSync(PYTHON, [REFERENCE, csvPath, refPath, '--emb', 'x,y']);
      ref = JSON.parse(readFileSync(refPath, 'utf8')) as ScorableResult;
    }
    const params: LavaParams = {
      ...DEFAULT_PARAMS,
      embedding: ['x', 'y'],
      modules: Number(arg('--modules', '8')),
    };
    const t0 = performance.now();
    const run = await runPipeline({ file: csvPath, params });
    const stepsMs = performance.now() - t0;
    const cells: string[] = [];
    for (const init of inits) {
      const t1 = performance.now();
      const fac = await factorize(run.correlations, { ...params, modules: params.modules as number, nmfInit: init });
      const ms = performance.now() - t1;
      const modules = summarizeModules(
        fac,
        run.correlations,
        run.localities,
        run.prepared.E,
        run.prepared.features,
      );
      const result: ScorableResult = { modules };
      const score = scorePlanted(result, truth);
      const tot = totals.get(init)!;
      tot.recovered += score.recovered;
      if (score.recovered === score.planted) tot.all5++;
      let extra = '';
      if (ref) {
        const ag = agreement(result, ref);
        tot.agree.push(ag);
        extra = ` agree=${ag.toFixed(3)}`;
      }
      const cosines = score.modules.map((x) => x.cos.toFixed(2)).join('/');
      cells.push(`${init}: ${score.recovered}/${score.planted} cos=${cosines} it=${fac.iterations} err=${fac.error.toFixed(3)} ${ms.toFixed(0)}ms${extra}`); // prettier-ignore
    }
    if (ref) {
      const rs = scorePlanted(ref, truth);
      cells.push(`ref: ${rs.recovered}/${rs.planted}`);
    }
    console.log(`seed ${seed} (pipeline ${stepsMs.toFixed(0)}ms) | ${cells.join(' | ')}`);
  }
  for (const [init, t] of totals) {
    const ag = t.agree.length ? ` mean agreement ${(t.agree.reduce((a, b) => a + b, 0) / t.agree.length).toFixed(3)}` : ''; // prettier-ignore
    console.log(
      `${init}: recovered ${t.recovered}/${5 * seeds.length}, all 5 on ${t.all5}/${seeds.length} seeds${ag}`,
    );
  }
}

void main();
