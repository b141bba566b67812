// What makes choosing k cheaper must not change what it chooses or fits: a resumed final fit, and a k scored only until it cannot be stable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePlanted } from '../../../fixtures/planted';
import { runPipeline } from '../../../src/engine/pipeline';
import { DEFAULT_NMF_SPARSENESS, DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { nmf } from '../../../src/engine/factorize/nmf';
import { fitModules, type Fit } from '../../../src/engine/trust/fit';
import { assess, DEFAULT_TRUST, trustContext, type TrustInput } from '../../../src/engine/trust/trust';
import { scoreResamples, stabilityAt } from '../../../src/engine/trust/stability';

/** Steps 1-2 of a planted set whose modules overlap (blob 0 holds two), as the trust step gets them. */
async function plantedInput(seed: number, modules: number, moduleBlobs: number[][]): Promise<TrustInput> {
  const { csv } = generatePlanted(seed, { samples: 3000, features: 30, modules, blobs: 8, moduleBlobs });
  const params = { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 1 };
  const out = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params });
  const p = out.prepared;
  return { X: p.X, E: p.E, F: p.F, Z: p.Z as Float64Array, d: p.d, localities: out.localities, correlations: out.correlations, params };
}

function sameFit(got: Fit, want: Fit, what: string): void {
  assert.equal(got.iterations, want.iterations, `${what}: iterations`);
  assert.equal(got.error, want.error, `${what}: error`);
  assert.deepEqual(got.W, want.W, `${what}: W`);
  assert.deepEqual(got.Ht, want.Ht, `${what}: Ht`);
}

test('a final fit going on from the scan\'s early-stopped fit is the same bytes as one from the start, on one thread or two', async () => {
  const input = await plantedInput(1, 3, [[0, 4], [0, 1], [4, 5]]);
  const { a } = trustContext(input);
  const base = { init: 'profiles' as const, seed: 0 };
  let byTolerance = 0;
  for (const k of [2, 3, 5]) {
    const fresh = await fitModules(a, k, base);
    // Stopped by the scan's iteration cap, and (with a looser cap) by the scan's tolerance.
    for (const maxIter of [DEFAULT_TRUST.scanIterations, 400]) {
      const scan = await fitModules(a, k, { ...base, maxIter, tol: DEFAULT_TRUST.scanTol, keepState: true });
      assert.ok(scan.state && scan.iterations < fresh.iterations, `k = ${k}: the scan stopped first`);
      if (scan.iterations < maxIter) byTolerance++;
      for (const threads of ['one', 'two'] as const)
        sameFit(await fitModules(a, k, { ...base, resume: scan.state, threads }), fresh, `k = ${k}, cap ${maxIter}, ${threads}`);
    }
  }
  assert.ok(byTolerance > 0, 'some scan fit stopped at its tolerance');
});

test('the auto run\'s modules are Step 3\'s own NMF at the chosen k, byte for byte', async () => {
  const input = await plantedInput(2, 4, [[0, 4], [0, 1], [4, 5], [2, 6]]);
  const report = await assess(trustContext(input), 'auto');
  const k = report.moduleSelection.chosen;
  const step3 = await nmf(input.correlations, { modules: k, seed: 0, nmfInit: 'profiles' }, { sparseness: DEFAULT_NMF_SPARSENESS });
  assert.deepEqual(report.factorization.W, step3.W);
  assert.deepEqual(report.factorization.patterns, step3.patterns);
  assert.equal(report.factorization.iterations, step3.iterations);
});

test('a k is scored only until it cannot be stable: the same verdict, and once completed the same bytes as scoring every subsample', async () => {
  const input = await plantedInput(1, 3, [[0, 4], [0, 1], [4, 5]]);
  const ctx = trustContext(input);
  const o = { init: 'profiles' as const, seed: 0, tol: DEFAULT_TRUST.scanTol, maxIter: DEFAULT_TRUST.scanIterations };
  const R = ctx.subsets.length;
  const at = DEFAULT_TRUST.stableAt;
  let stoppedEarly = 0;
  for (let k = 2; k <= 7; k++) {
    const every = await stabilityAt(ctx.a, k, ctx.subsets, o);
    const early = await stabilityAt(ctx.a, k, ctx.subsets, o, { stopBelow: at });
    assert.equal(every.resamples, R);
    assert.equal(early.stability >= at, every.stability >= at, `k = ${k}: the same verdict`);
    if (early.resamples < R) {
      stoppedEarly++;
      assert.ok(every.stability < at, `k = ${k} was stopped but is stable`);
      await scoreResamples(ctx.a, early, ctx.subsets, o);
    }
    assert.equal(early.resamples, R);
    assert.deepEqual(early.modules, every.modules, `k = ${k}: module stabilities`);
    assert.equal(early.stability, every.stability);
  }
  assert.ok(stoppedEarly > 0, 'some unstable k was stopped early');
});

test('the scan on one thread or two: the same k, curve, points and modules, byte for byte', async () => {
  const input = await plantedInput(2, 4, [[0, 4], [0, 1], [4, 5], [2, 6]]);
  const run = async (scanThreads: 'one' | 'two') => {
    const ctx = trustContext(input, { ...DEFAULT_TRUST, scanThreads });
    const report = await assess(ctx, 'auto');
    return { ctx, report };
  };
  const one = await run('one');
  const two = await run('two');
  assert.deepEqual(two.report.moduleSelection, one.report.moduleSelection);
  assert.deepEqual(two.report.factorization, one.report.factorization);
  assert.deepEqual(two.report.modules, one.report.modules);
  assert.equal(two.ctx.cost.fits, one.ctx.cost.fits);
  assert.equal(one.ctx.cost.onThread, undefined);
  assert.ok((two.ctx.cost.onThread ?? 0) > 0, 'the second run used its thread');
  for (const [k, p] of one.ctx.points) {
    const q = two.ctx.points.get(k)!;
    assert.deepEqual([q.resamples, q.modules, q.full.patterns], [p.resamples, p.modules, p.full.patterns], `k = ${k}`);
  }
  // Batches of 2: an unstable k stops after 2 or 4 subsamples, never 1 or 3.
  assert.ok([...one.ctx.points.values()].every((p) => p.resamples % 2 === 0));
  assert.ok([...one.ctx.points.values()].some((p) => p.resamples < one.ctx.subsets.length));
});
