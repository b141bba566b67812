// The engine worker through its host-side client (dist/worker.js, built by scripts/test.mjs): a run, the
// locality and pair replies checked against brute force, the same replies after a reload, errors, and cancel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError, EngineWorker } from '../../src/extension/engineClient';
import type { LavaResult } from '../../src/shared/result/types';
import { LavaCancelled } from '../../src/shared/errors';
import { DEFAULT_PARAMS, type LavaParams } from '../../src/shared/params/types';

const WORKER = join(import.meta.dirname, '../../dist/worker.js');
const skip = existsSync(WORKER) ? false : 'dist/worker.js is missing: run npm run build';

/** 2 blobs in (x, y); features a..f where a~b correlate in the first blob and c~d everywhere (deterministic). */
function csv(rows: number): { text: string; X: number[][] } {
  let s = 7;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const lines = ['x,y,a,b,c,d,e,f'];
  const X: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const blob = i % 2;
    const x = blob * 10 + rnd();
    const y = rnd();
    const t = rnd();
    const u = rnd();
    const row = [t, blob === 0 ? t + 0.1 * rnd() : rnd(), u, u + 0.2 * rnd(), rnd(), rnd()].map((v) =>
      Number(v.toFixed(5)),
    );
    X.push(row);
    lines.push([x.toFixed(5), y.toFixed(5), ...row].join(','));
  }
  return { text: lines.join('\n') + '\n', X };
}

const params: LavaParams = { ...DEFAULT_PARAMS, neighbors: 20, modules: 2, directEvaluations: 8 };
const bytes = (text: string) => new TextEncoder().encode(text);

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function decode(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

test(
  'a run in the worker, then locality and pair replies that match brute force',
  { skip, timeout: 120_000 },
  async () => {
    const { text, X } = csv(120);
    const worker = new EngineWorker(WORKER);
    const steps: string[] = [];
    let last = 0;
    let monotone = true;
    let result: LavaResult;
    try {
      result = await worker.run(
        { file: 'blobs.csv', bytes: bytes(text), params, paramSources: { modules: 'command' } },
        (step, overall) => {
          if (!steps.includes(step)) steps.push(step);
          if (overall + 1e-9 < last) monotone = false;
          last = overall;
        },
      );
      assert.equal(result.rowCount, 120);
      assert.deepEqual(result.features, ['a', 'b', 'c', 'd', 'e', 'f']);
      assert.equal(result.paramSources?.modules, 'command');
      assert.ok(steps.includes('read') && steps.includes('modules'), `steps seen: ${steps.join(',')}`);
      assert.ok(monotone, 'overall progress never goes back');

      const F = 6;
      for (const locality of [0, result.localities.count - 1]) {
        const reply = await worker.requestLocality(locality);
        assert.equal(reply.locality, locality);
        const got = decode(reply.pattern);
        assert.equal(got.length, (F * (F - 1)) / 2);
        assert.ok(got[9] > 0.5, `c~d (pair 9) correlate in every locality, got ${got[9]}`);
        const members = result.localities.members[locality];
        let q = 0;
        for (let i = 0; i < F; i++) {
          for (let j = i + 1; j < F; j++, q++) {
            const r = pearson(
              members.map((m) => X[m][i]),
              members.map((m) => X[m][j]),
            );
            if (Math.abs(Math.abs(r) - result.correlationThreshold) < 1e-4) continue; // too close to call
            const want = Math.abs(r) < result.correlationThreshold ? 0 : r;
            assert.ok(
              Math.abs(got[q] - want) < 1e-4,
              `locality ${locality} pair (${i},${j}): ${got[q]} vs ${want}`,
            );
          }
        }
      }
      const pair = await worker.requestPair('d', 'a');
      assert.deepEqual(
        pair.av,
        X.map((r) => r[3]),
      );
      assert.deepEqual(
        pair.bv,
        X.map((r) => r[0]),
      );
      await assert.rejects(worker.requestPair('a', 'nope'), /unknown feature "nope"/);

      // A result opened from disk: a fresh worker prepares X again and computes the locality on request.
      const reloaded = new EngineWorker(WORKER);
      try {
        await reloaded.load({
          file: 'blobs.csv',
          bytes: bytes(text),
          params: result.params,
          members: result.localities.members,
          features: result.features,
          rowCount: result.rowCount,
        });
        const changed = new EngineWorker(WORKER);
        try {
          const fewer = bytes(text.split('\n').slice(0, 100).join('\n') + '\n');
          await assert.rejects(
            changed.load({
              file: 'blobs.csv',
              bytes: fewer,
              params: result.params,
              members: result.localities.members,
              features: result.features,
              rowCount: result.rowCount,
            }),
            /changed since this result was made/,
          );
        } finally {
          changed.dispose();
        }
        const a = await worker.requestLocality(0);
        const b = await reloaded.requestLocality(0);
        const da = decode(a.pattern);
        const db = decode(b.pattern);
        for (let k = 0; k < da.length; k++)
          assert.ok(Math.abs(da[k] - db[k]) < 1e-6, `pair ${k}: ${da[k]} vs ${db[k]}`);
      } finally {
        reloaded.dispose();
      }
    } finally {
      worker.dispose();
    }
  },
);

test(
  'an input error comes back as EngineError with its line and column',
  { skip, timeout: 60_000 },
  async () => {
    const worker = new EngineWorker(WORKER);
    try {
      await assert.rejects(
        worker.run(
          {
            file: '/ws/bad.csv',
            bytes: bytes('x,y,a,b,c\n1,2,3,4,5\n1,2,3,4,5\n1,2,3,4\n'),
            params,
            paramSources: {},
          },
          () => {},
        ),
        (e: unknown) =>
          e instanceof EngineError && e.isInputError && e.info.line === 4 && e.info.file === '/ws/bad.csv',
      );
    } finally {
      worker.dispose();
    }
  },
);

test(
  'aborting a run terminates the worker and rejects with LavaCancelled',
  { skip, timeout: 60_000 },
  async () => {
    const worker = new EngineWorker(WORKER);
    const abort = new AbortController();
    const { text } = csv(4000);
    const started = worker.run(
      {
        file: 'big.csv',
        bytes: bytes(text),
        params: { ...params, umap: true, embedding: [] },
        paramSources: {},
      },
      (step) => {
        if (step === 'embedding') abort.abort();
      },
      abort.signal,
    );
    await assert.rejects(started, LavaCancelled);
    assert.equal(worker.alive, false);
    await assert.rejects(worker.requestPair('a', 'b'), LavaCancelled);
  },
);
