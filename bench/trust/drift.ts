// Why the converged NMF mixes a module into an overlapping one on two planted sets (docs/trust.md): the same
// start stopped after more and more iterations, its relative error and each planted module's best cosine.
// usage: npx tsx bench/trust/drift.ts [--seed 1] [--samples 6000] [--features 60] [--modules 3] [--k 3] [--sparseness 0]
import { generatePlanted } from '../../fixtures/planted';
import { scorePlanted } from '../../fixtures/scorePlanted';
import { runPipeline } from '../../src/engine/pipeline';
import { summarizeModules } from '../../src/engine/modules';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
import { signSplit } from '../../src/engine/factorize/sparse';
import { fitModules } from '../../src/engine/trust/fit';
import { arg } from './common';

async function main(): Promise<void> {
  const seed = Number(arg('--seed', '1'));
  const options = { samples: Number(arg('--samples', '6000')), features: Number(arg('--features', '60')), modules: Number(arg('--modules', '3')), blobs: 8 };
  const k = Number(arg('--k', String(options.modules)));
  const sparseness = Number(arg('--sparseness', '0'));
  const { csv, truth } = generatePlanted(seed, options);
  const out = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 1 } });
  const a = signSplit(out.correlations);
  console.log(`planted seed ${seed}, ${options.samples} x ${options.features}, modules in blobs ${JSON.stringify(truth.modules.map((m) => m.blobs))}, k = ${k}, sparseness ${sparseness}`);
  console.log(`\n| iterations | relative error | best cosine per planted module |`);
  console.log('| ---: | ---: | --- |');
  for (const maxIter of [8, 30, 100, 200, 400]) {
    // tol 0: exactly maxIter iterations (the default tolerance is not reached within 400 here either)
    const fit = await fitModules(a, k, { init: 'profiles', seed: 0, maxIter, tol: 0, sparseness });
    const fac = { k, W: fit.W, patterns: fit.patterns, iterations: fit.iterations, error: fit.error };
    const modules = summarizeModules(fac, out.correlations, out.localities, out.prepared.E, out.prepared.features);
    const score = scorePlanted({ modules }, truth);
    console.log(`| ${fit.iterations} | ${fit.error.toFixed(5)} | ${score.modules.map((m) => m.cos.toFixed(3)).join(' ')} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
