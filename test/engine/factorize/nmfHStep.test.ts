// NMF's H step on a worker thread: the same bytes as on one thread, and a thread that dies fails the step, never hangs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nmfSignSplit } from '../../../src/engine/factorize/nmf';
import { HStep } from '../../../src/engine/factorize/nmfHStep';
import { signSplit, transpose } from '../../../src/engine/factorize/sparse';
import { fromDense, planted } from './nmfFixtures';

const WORKER_TS = join(__dirname, '..', '..', '..', 'src', 'engine', 'factorize', 'nmfWorker.ts');

/** The real H-step thread, with `fault` run on every message it receives before the thread's own handler. */
function faultyThread(fault: string): () => Worker {
  const prelude = `const { parentPort } = require('node:worker_threads'); let steps = 0;
    parentPort.on('message', (m) => { if (m && m.method === 'step') { steps++; ${fault} } });`;
  return () =>
    new Worker(`require('tsx/cjs'); ${prelude} require(${JSON.stringify(WORKER_TS)});`, { eval: true });
}

/** An H step over a planted A (l = 40, F = 10, k = 3), with W and its products as the CD loop would pass them. */
function plantedStep(startThread?: () => Worker) {
  const k = 3;
  const a = signSplit(fromDense(planted(40, 10, k, 3).R, 40, 10));
  const t = transpose(a);
  const Ht = Float64Array.from({ length: a.cols * k }, (_, i) => ((i * 7) % 5) / 5);
  const h = new HStep(t.rowPtr, t.col, Float32Array.from(t.val), a.cols, k, a.rows, Ht, {
    threads: 'two',
    startThread,
  });
  const W = Float64Array.from({ length: a.rows * k }, (_, i) => ((i * 3) % 4) / 4);
  const WtW = new Float64Array(k * k);
  for (let p = 0; p < a.rows; p++)
    for (let x = 0; x < k; x++) for (let y = 0; y < k; y++) WtW[x * k + y] += W[p * k + x] * W[p * k + y];
  const run = () => h.run(W, WtW, new Float64Array(k * k), new Float64Array(a.rows * k));
  return { h, run };
}

/** Rejects when `p` has not settled within `ms`: a hang becomes a failure instead of a stuck test run. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the step hangs`)), ms);
  });
  return Promise.race([p, hang]).finally(() => clearTimeout(timer));
}

test('the H step on a worker thread gives the same bytes as on this thread', async () => {
  const { R } = planted(60, 14, 3, 11);
  const a = signSplit(fromDense(R, 60, 14));
  const one = await nmfSignSplit(a, 3, 2, { threads: 'one' });
  const two = await nmfSignSplit(a, 3, 2, { threads: 'two' });
  assert.ok(one.iterations > 1);
  assert.equal(two.iterations, one.iterations);
  assert.deepEqual(two.W, one.W);
  assert.deepEqual(two.Ht, one.Ht);
  assert.equal(two.error, one.error);
  // ...and the thread really ran: a forced HStep has one.
  const { h } = plantedStep();
  assert.equal(h.threaded, true);
  h.dispose();
});

test('a thread that exits in the middle of a step rejects that step and every later one', async () => {
  const { h, run } = plantedStep(faultyThread('if (steps === 3) process.exit(3);'));
  try {
    assert.equal(h.threaded, true);
    const first = await within(run(), 20_000);
    assert.ok(first > 0);
    await within(run(), 20_000);
    await assert.rejects(within(run(), 20_000), /H-step thread stopped \(exit code 3\)/);
    await assert.rejects(within(run(), 20_000), /H-step thread stopped \(exit code 3\)/);
  } finally {
    h.dispose();
  }
});

test('a thread that throws outside a request, or is terminated, rejects the pending step', async () => {
  const thrown = plantedStep(faultyThread("if (steps === 2) throw new Error('thread broke');"));
  try {
    await within(thrown.run(), 20_000);
    await assert.rejects(within(thrown.run(), 20_000), /H-step thread failed: thread broke/);
  } finally {
    thrown.h.dispose();
  }
  // Terminated from outside while a step is pending (the thread never answers it: it only counts steps).
  let worker: Worker | undefined;
  const { h, run } = plantedStep(() => {
    worker = new Worker(`require('node:worker_threads').parentPort.on('message', () => {});`, { eval: true });
    return worker;
  });
  try {
    const pending = run();
    await worker?.terminate();
    await assert.rejects(within(pending, 20_000), /H-step thread stopped \(exit code \d+\)/);
  } finally {
    h.dispose();
  }
});

test('the thread checks its setup: arrays outside shared memory are refused, and the step says why', async () => {
  // A thread that rewrites the setup's arrays into plain (non-shared) copies before its own handler reads them.
  const start = () =>
    new Worker(
      `require('tsx/cjs'); const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (m) => { if (m && m.method === 'setup') m.params.W = new Float64Array(m.params.W); });
       require(${JSON.stringify(WORKER_TS)});`,
      { eval: true },
    );
  const { h, run } = plantedStep(start);
  try {
    await assert.rejects(within(run(), 20_000), /bad request "setup"[\s\S]*SharedArrayBuffer/);
  } finally {
    h.dispose();
  }
});
