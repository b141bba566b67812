// --threads 1 keeps the whole run on the calling thread: no pool thread, no NMF H-step thread, no scan thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import workerThreads from 'node:worker_threads';
import { generatePlanted } from '../../../fixtures/planted';
import { runPipeline } from '../../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { trustSettings } from '../../../src/engine/trust/trust';

test('--threads 1 maps to a scan on this thread; auto and 2 leave the scan its own choice', () => {
  const p = { modulesRange: [2, 16] as [number, number], minStability: 0.9, maxPValue: 0.01 };
  assert.equal(trustSettings({ ...p, threads: 1 }).scanThreads, 'one');
  assert.equal(trustSettings({ ...p, threads: 2 }).scanThreads, 'auto');
  assert.equal(trustSettings({ ...p, threads: 'auto' }).scanThreads, 'auto');
  assert.equal(trustSettings(p).scanThreads, 'auto');
});

test('a run at --threads 1 starts no thread at all, where 2 threads start some; the same result either way', async () => {
  const { csv } = generatePlanted(3, { samples: 8000, features: 80, modules: 4, blobs: 8 });
  const Real = workerThreads.Worker;
  let started = 0;
  // Every thread of the engine (pool, NMF's H step, the trust scan) is a worker_threads.Worker. At this size the
  // H step and the scan would not ask for a thread on their own (their sizes are far larger): the first test
  // checks the scan's mapping, this one that nothing of the run starts a thread at 1.
  workerThreads.Worker = class extends Real {
    constructor(...args: ConstructorParameters<typeof Real>) {
      super(...args);
      started++;
    }
  };
  const run = async (threads: number) => {
    started = 0;
    const out = await runPipeline({ file: 'planted.csv', bytes: Buffer.from(csv), params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'], threads } });
    return { started, result: out.result };
  };
  try {
    const one = await run(1);
    const two = await run(2);
    assert.equal(one.started, 0, 'no thread at --threads 1');
    assert.ok(two.started > 0, 'threads at --threads 2 (so the count above can fail)');
    assert.deepEqual(one.result.modules.map((m) => Array.from(m.pattern)), two.result.modules.map((m) => Array.from(m.pattern)));
  } finally {
    workerThreads.Worker = Real;
  }
});
