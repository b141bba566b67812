// Another k without re-running: the worker answers modulesAtK from the run it kept, as a whole new result equal to a
// fresh run at that k; only Step 3 runs again (its fits counted), a cancel keeps the run, a loaded result has none.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { generatePlanted } from '../../fixtures/planted';
import { runPipeline, type PipelineOutput } from '../../src/engine/pipeline';
import { resultAtK } from '../../src/engine/trust/step';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';
import { LavaCancelled } from '../../src/shared/errors';
import type { LavaResult } from '../../src/shared/result/types';
import type { ResultText } from '../../src/shared/result/summary';
import { decodeResult } from '../../src/shared/result/decode';
import { encodeResult } from '../../src/shared/result/encode';
import { resultForFile } from '../../src/engine/io/resultFile';
import { inProcessEngine } from '../extension/support/inProcessEngine';
import { dataFile } from '../extension/support/blobs';

// 3 planted modules in distinct blob sets: "auto" scans k = 2..8 and chooses 3 (test/engine/trust/trust.test.ts).
const { csv } = generatePlanted(1, { samples: 3000, features: 30, blobs: 8, modules: 3, moduleBlobs: [[0, 4], [0, 1], [4, 5]] });
const params: LavaParams = { ...DEFAULT_PARAMS, embedding: ['x', 'y'] };
const bytes = () => new TextEncoder().encode(csv);
let fresh4: LavaResult;

before(async () => {
  fresh4 = (await runPipeline({ file: 'planted.csv', bytes: bytes(), params: { ...params, modules: 4 } })).result;
});

const withoutTimings = (r: LavaResult) => ({ ...r, timings: {} });
const RESULT = '/ws/store/planted.lava.json';
/** What the worker's text holds, as a reader of the stored file gets it. */
const decoded = (t: ResultText) => decodeResult(t.text, RESULT);

test('changing k costs only its factorizations: one fit at a scanned k, its scan point too at another', async () => {
  const out: PipelineOutput = await runPipeline({ file: 'planted.csv', bytes: bytes(), params });
  const ctx = out.trust.context;
  assert.equal(out.result.moduleSelection.chosen, 3);
  const scanned = out.result.moduleSelection.candidates.map((c) => c.k);
  assert.ok(scanned.includes(4) && !scanned.includes(12), scanned.join(' '));
  const correlations = ctx.input.correlations;
  const afterRun = ctx.cost.fits;
  // (the scan: per k its full fit and the subsamples scored until it could not be stable; the final fit at 3)
  const points = scanned.map((k) => ctx.points.get(k)!);
  assert.equal(afterRun, points.reduce((s, p) => s + 1 + p.resamples, 0) + 1);
  assert.ok(points.some((p) => p.resamples < ctx.subsets.length), 'an unstable k scored on fewer subsamples');
  const left4 = ctx.subsets.length - ctx.points.get(4)!.resamples;
  const at4 = await resultAtK(out.result, out.trust, 4);
  // the final fit, and the subsamples the scan did not score at 4
  assert.equal(ctx.cost.fits, afterRun + 1 + left4);
  assert.equal(ctx.points.get(4)!.resamples, ctx.subsets.length);
  const at12 = await resultAtK(at4, out.trust, 12);
  // the final fit, and k = 12's point: its full fit and one per locality subsample
  assert.equal(ctx.cost.fits, afterRun + 1 + left4 + 1 + 1 + ctx.subsets.length);
  assert.equal(ctx.input.correlations, correlations, 'Step 2 was not redone');
  assert.equal(at12.modules.length, 12);
  assert.deepEqual(at12.moduleSelection.candidates.map((c) => c.k), [...scanned, 12]);
  assert.equal(at12.moduleSelection.autoChosen, 3);
  // the steps before Step 3 are the run's own, byte for byte
  for (const key of ['embedding', 'localities', 'probes', 'alpha', 'beta', 'correlationThreshold', 'features', 'rowLines'] as const)
    assert.deepEqual(at12[key], out.result[key], key);
});

test('the worker answers modulesAtK from its kept run: the result a fresh run at that k gives, with progress of Step 3 only', async () => {
  const { engine } = inProcessEngine();
  try {
    const file = dataFile(csv, 'planted.csv');
    const run = { file, params, paramSources: {}, resultPath: RESULT };
    const first = decoded(await engine.run(run, () => {}));
    assert.equal(first.moduleSelection.mode, 'auto');
    const steps = new Set<string>();
    const fractions: number[] = [];
    const reply = await engine.modulesAtK(4, RESULT, (step, overall, message) => {
      steps.add(`${step} ${message ?? ''}`);
      fractions.push(overall);
    });
    assert.equal(reply.summary.moduleCount, 4);
    const at4 = decoded(reply);
    const fresh = decodeResult(encodeResult(resultForFile({ ...fresh4, source: { ...fresh4.source, file } }, RESULT)), RESULT);
    assert.deepEqual([...steps], ['modules k = 4']);
    assert.equal(fractions.at(-1), 1);
    assert.deepEqual(at4.moduleSelection, { ...first.moduleSelection, mode: 'fixed', chosen: 4, autoChosen: 3 });
    assert.equal(at4.params.modules, 4);
    assert.equal(at4.paramSources?.modules, 'command');
    // Same modules, same bytes, as a fresh run given k = 4 (which scans nothing: its candidates are empty).
    assert.deepEqual(at4.modules, fresh.modules);
    assert.deepEqual(
      withoutTimings({ ...at4, moduleSelection: fresh.moduleSelection, paramSources: undefined }),
      withoutTimings({ ...fresh, paramSources: undefined }),
    );
    // A cancelled change keeps the run: the next one is answered.
    const abort = new AbortController();
    const cancelled = engine.modulesAtK(6, RESULT, () => {}, abort.signal);
    abort.abort();
    await assert.rejects(cancelled, LavaCancelled);
    const at2 = decoded(await engine.modulesAtK(2, RESULT, () => {}));
    assert.equal(at2.modules.length, 2);
    assert.equal(at2.moduleSelection.autoChosen, 3);
  } finally {
    engine.dispose();
  }
});

test('a result loaded from its file has no kept run: changing k says to re-run', async () => {
  const { engine } = inProcessEngine();
  try {
    await engine.load({ file: dataFile(csv, 'planted.csv'), text: encodeResult(fresh4), params: fresh4.params });
    await assert.rejects(engine.modulesAtK(3, RESULT, () => {}), /changing k needs the localities and correlations of a run in this session.*re-run LAVA/);
  } finally {
    engine.dispose();
  }
});
