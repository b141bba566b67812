// The engine worker through its host-side client (dist/worker.js, built by scripts/test.mjs): a run, the
// locality and pair replies checked against brute force, the same replies after a reload, errors, cancel,
// and (on an in-process thread) what a dying thread does to pending requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EngineClient } from '../../src/extension/engineClient';
import type { LavaResult } from '../../src/shared/result/types';
import { decodeResult } from '../../src/shared/result/decode';
import { membersOf } from '../../src/shared/result/columns';
import { LavaCancelled } from '../../src/shared/errors';
import { RemoteError } from '../../src/shared/rpc';
import { inProcessEngine } from './support/inProcessEngine';
import { formatFixtures } from '../engine/read/formatFixtures';
import { blobParams as params, blobsCsv as csv, dataFile, decodePattern as decode } from './support/blobs';

const WORKER = join(import.meta.dirname, '../../dist/worker.js');
const skip = existsSync(WORKER) ? false : 'dist/worker.js is missing: run npm run build';

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

test(
  'a run in the worker, then locality and pair replies that match brute force',
  { skip, timeout: 120_000 },
  async () => {
    const { text, X } = csv(120);
    const file = dataFile(text);
    const worker = EngineClient.start(WORKER);
    const steps: string[] = [];
    let last = 0;
    let monotone = true;
    let result: LavaResult;
    try {
      const reply = await worker.run(
        {
          file,
          params,
          paramSources: { modules: 'command' },
          configFile: join(dirname(file), '.lava.json'),
          resultPath: join(dirname(file), 'results/blobs.lava.json'),
        },
        (step, overall) => {
          if (!steps.includes(step)) steps.push(step);
          if (overall + 1e-9 < last) monotone = false;
          last = overall;
        },
      );
      // The worker encoded the text for where the host stores it; the summary keeps the absolute paths.
      result = decodeResult(reply.text, 'reply');
      assert.deepEqual(result.source, {
        file: '../blobs.csv',
        rows: 120,
        delimiter: ',',
        config: '../.lava.json',
      });
      assert.deepEqual(reply.summary.source, {
        file,
        rows: 120,
        delimiter: ',',
        config: join(dirname(file), '.lava.json'),
      });
      assert.equal(reply.summary.rowCount, 120);
      assert.equal(reply.summary.localityCount, result.localities.count);
      assert.equal(reply.summary.moduleCount, 2);
      assert.equal(result.rowCount, 120);
      assert.deepEqual(result.features, ['a', 'b', 'c', 'd', 'e', 'f']);
      assert.deepEqual(reply.summary.features, result.features);
      assert.equal(result.paramSources?.modules, 'command');
      assert.equal(reply.summary.paramSources.modules, 'command');
      assert.ok(steps.includes('read') && steps.includes('modules'), `steps seen: ${steps.join(',')}`);
      assert.ok(monotone, 'overall progress never goes back');

      const F = 6;
      for (const locality of [0, result.localities.count - 1]) {
        const reply = await worker.locality(locality);
        assert.equal(reply.locality, locality);
        const got = decode(reply.pattern);
        assert.equal(got.length, (F * (F - 1)) / 2);
        assert.ok(got[9] > 0.5, `c~d (pair 9) correlate in every locality, got ${got[9]}`);
        const members = Array.from(membersOf(result.localities, locality));
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
      const pair = await worker.pair('d', 'a');
      assert.deepEqual(
        pair.av,
        X.map((r) => r[3]),
      );
      assert.deepEqual(
        pair.bv,
        X.map((r) => r[0]),
      );
      await assert.rejects(worker.pair('a', 'nope'), /unknown feature "nope"/);

      // A result opened from disk: a fresh worker prepares X again and computes the locality on request.
      const reloaded = EngineClient.start(WORKER);
      try {
        await reloaded.load({ file, text: reply.text, params: reply.summary.params });
        const changed = EngineClient.start(WORKER);
        try {
          const fewer = dataFile(text.split('\n').slice(0, 100).join('\n') + '\n');
          await assert.rejects(
            changed.load({ file: fewer, text: reply.text, params: reply.summary.params }),
            /changed since this result was made/,
          );
        } finally {
          changed.dispose();
        }
        const a = await worker.locality(0);
        const b = await reloaded.locality(0);
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
  'an input error comes back as a RemoteError with its line, column and hint',
  { skip, timeout: 60_000 },
  async () => {
    const worker = EngineClient.start(WORKER);
    const bad = dataFile('x,y,a,b,c\n1,2,3,4,5\n1,2,3,4,5\n1,2,3,4\n', 'bad.csv');
    try {
      await assert.rejects(
        worker.run(
          {
            file: bad,
            params,
            paramSources: {},
            resultPath: '/ws/bad.lava.json',
          },
          () => {},
        ),
        (e: unknown) =>
          e instanceof RemoteError &&
          e.isInputError &&
          e.info.line === 4 &&
          e.info.file === bad &&
          /missing cell/.test(e.info.hint ?? ''),
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
    const worker = EngineClient.start(WORKER);
    const abort = new AbortController();
    const { text } = csv(4000);
    const started = worker.run(
      {
        file: dataFile(text, 'big.csv'),
        params: { ...params, umap: true, embedding: [] },
        paramSources: {},
        resultPath: 'big.lava.json',
      },
      (step) => {
        if (step === 'embedding') abort.abort();
      },
      abort.signal,
    );
    await assert.rejects(started, LavaCancelled);
    assert.equal(worker.alive, false);
    await assert.rejects(worker.pair('a', 'b'), LavaCancelled);
  },
);

test('a thread that dies rejects every pending request with why, and refuses new ones', async () => {
  const { engine, thread } = inProcessEngine();
  // A request the service never answers: nothing is loaded, but it fails only once the reply comes back.
  const never = new Promise<never>(() => {});
  const pending = [
    engine.locality(0),
    engine.pair('a', 'b'),
    engine.load({ file: dataFile('x,y\n', 'x.csv'), text: '{}', params }).then(() => never),
  ];
  thread.die(new Error('the LAVA engine thread stopped (exit code 134)'));
  for (const p of pending) await assert.rejects(p, /exit code 134/);
  assert.equal(engine.alive, false);
  await assert.rejects(engine.locality(0), /exit code 134/);
});

test('run params are checked against the option table before the engine sees them', async () => {
  const { engine } = inProcessEngine();
  try {
    await assert.rejects(
      engine.run(
        {
          file: dataFile(csv(60).text),
          params: { ...params, modules: 0 },
          paramSources: {},
          resultPath: 'x.lava.json',
        },
        () => {},
      ),
      /bad request "run".*modules must be >= 1/s,
    );
  } finally {
    engine.dispose();
  }
});

test('dispose terminates the thread and rejects what is pending with LavaCancelled', async () => {
  const { engine, thread } = inProcessEngine();
  const p = engine.pair('a', 'b');
  engine.dispose();
  await assert.rejects(p, LavaCancelled);
  assert.equal(thread.terminated, true);
});

test('inspect tells the options wizard what a file offers: an .h5ad its layers, obsm keys and var columns', async (t) => {
  const fx = formatFixtures();
  if (typeof fx === 'string') return t.skip(fx);
  const { engine } = inProcessEngine();
  try {
    const info = await engine.inspect(fx.path('cells_csr.h5ad'));
    assert.equal(info.format, 'h5ad');
    assert.equal(info.rows, fx.expected.h5ad.n_obs);
    assert.deepEqual(info.choices, {
      layer: ['X', ...fx.expected.h5ad.layers, 'raw/X'],
      obsm: ['X_pca', 'X_umap'],
      varNames: ['gene_ids'],
    });
    assert.ok(info.columns.includes('cell_type') && info.columns.includes('leiden'));
    await assert.rejects(engine.inspect(fx.path('nope.h5ad')), /file not found/);
  } finally {
    engine.dispose();
  }
});
