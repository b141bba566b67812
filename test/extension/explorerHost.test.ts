// The host's side of the explorer webview against a fake webview Peer: notes, requests answered through an
// in-process engine, failures as failure replies, malformed messages refused, and the engine's lifetime
// (a dead kept engine replaced, no engine leaked by a closed panel).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ExplorerHost, type ExplorerActions } from '../../src/extension/explorerHost';
import type { EngineClient } from '../../src/extension/engineClient';
import { Peer } from '../../src/shared/rpc';
import {
  hostContract,
  webviewContract,
  type HostContract,
  type WebviewContract,
} from '../../src/shared/protocol';
import type { ResultText } from '../../src/shared/result/summary';
import { decodeResult } from '../../src/shared/result/decode';
import { blobParams, blobsCsv, dataFile, decodePattern } from './support/blobs';
import { inProcessEngine, type FakeThread } from './support/inProcessEngine';
import { pearson } from '../engine/correlations/pearsonReference';

const { text, X } = blobsCsv(120);
const blobs = dataFile(text);
let result: ResultText;
const runInput = (paramSources: Record<string, string> = {}) => ({
  file: blobs,
  params: blobParams,
  paramSources,
  resultPath: '/ws/store/blobs.lava.json',
});

before(async () => {
  const { engine } = inProcessEngine();
  result = await engine.run(runInput({ modules: 'command' }), () => {});
  engine.dispose();
});

/** Engines the host loaded on demand, each from the data file as the extension does. */
function loader(threads: FakeThread[]): () => Promise<EngineClient> {
  return async () => {
    const { engine, thread } = inProcessEngine();
    threads.push(thread);
    await engine.load({ file: blobs, text: result.text, params: result.summary.params });
    return engine;
  };
}

/** A host and a fake webview joined by cloning queues; every action, log line and raw host message kept. */
function setup(loadEngine: ExplorerActions['loadEngine'] = () => Promise.reject(new Error('no data file'))) {
  const calls: string[] = [];
  const logs: string[] = [];
  const sent: unknown[] = [];
  const peers: { webview?: Peer<WebviewContract, HostContract> } = {};
  const host = new ExplorerHost(
    { post: (m) => (sent.push(m), queueMicrotask(() => peers.webview!.receive(structuredClone(m)))) },
    {
      rerun: () => calls.push('rerun'),
      changeK: (k) => calls.push(`changeK ${k}`),
      save: () => calls.push('save'),
      openSettings: () => calls.push('openSettings'),
      exportView: (v) => calls.push(`export ${v.format} ${v.view} ${v.data}`),
      exportSelection: (rows) => calls.push(`exportSelection ${rows.join(' ')}`),
      copyRows: (rows) => calls.push(`copyRows ${rows.join(' ')}`),
      openRow: (row) => calls.push(`openRow ${row}`),
      copy: (text, what) => calls.push(`copy ${what}: ${text}`),
      loadEngine,
      log: (l) => logs.push(l),
    },
  );
  const webview = new Peer(
    { post: (m) => queueMicrotask(() => host.receive(structuredClone(m))) },
    webviewContract,
    hostContract,
  );
  peers.webview = webview;
  return { host, webview, calls, logs, sent };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

test('ready brings the result (and a run in progress); requests are answered from the kept engine', async () => {
  const { host, webview } = setup();
  const notes: string[] = [];
  webview.on('result', (n) =>
    notes.push(
      `result ${decodeResult(n.text, 'note').rowCount} ${n.source.file} ${n.resultUri} ${n.appliedFrom.modules}`,
    ),
  );
  webview.on('running', (n) => notes.push(`running ${n.step}`));
  const { engine } = inProcessEngine();
  await engine.run(runInput(), () => {});
  host.showResult(result, 'file:///store/r.json', engine);
  host.showRunning('blobs.csv', 'localities', 0.5);
  await tick();
  notes.length = 0;
  webview.notify('ready', {});
  await tick();
  assert.deepEqual(notes, [`result 120 ${blobs} file:///store/r.json command`, 'running localities']);

  const pair = await webview.request('pair', { a: 'd', b: 'a' });
  assert.deepEqual(
    pair.av,
    X.map((r) => r[3]),
  );
  assert.deepEqual(
    pair.bv,
    X.map((r) => r[0]),
  );
  const local = await webview.request('locality', { locality: 1 });
  assert.equal(local.locality, 1);
  assert.deepEqual(local.features, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual([...decodePattern(local.pattern)], [...decodePattern((await engine.locality(1)).pattern)]);
  host.dispose();
});

test('a failed locality or pair request reaches the webview as a failure reply, and is logged', async () => {
  const { host, webview, logs } = setup();
  await assert.rejects(webview.request('pair', { a: 'a', b: 'b' }), /no result is shown/);
  host.showResult(result, null, null);
  // No engine kept and none can be loaded: the loader's error comes back, not silence.
  await assert.rejects(webview.request('locality', { locality: 0 }), /no data file/);
  await assert.rejects(
    webview.request('locality', { locality: result.summary.localityCount }),
    /no locality \d+: this result has \d+/,
  );
  const { engine } = inProcessEngine();
  await engine.run(runInput(), () => {});
  host.showResult(result, null, engine);
  await assert.rejects(webview.request('pair', { a: 'a', b: 'nope' }), /unknown feature "nope"/);
  assert.match(logs.join('\n'), /webview request pair failed: unknown feature "nope"/);
  host.dispose();
});

test('malformed webview messages are dropped or refused, never cast', async () => {
  const { host, webview, calls, logs, sent } = setup();
  host.showResult(result, null, null);
  for (const m of [null, undefined, 'ready', { type: 'ready' }, { rpc: 'note', type: 'rerun' }])
    host.receive(m);
  // Odd exports: an unknown format, a view name that could climb out of a folder, no data.
  host.receive({ rpc: 'note', type: 'export', payload: { format: 'gif', view: 'scatter', data: 'x' } });
  host.receive({
    rpc: 'note',
    type: 'export',
    payload: { format: 'png', view: '../../etc/passwd', data: 'x' },
  });
  host.receive({ rpc: 'note', type: 'export', payload: { format: 'svg', view: 'scatter' } });
  host.receive({ rpc: 'note', type: 'export', payload: { format: 'svg', view: 'scatter', data: '<svg/>' } });
  // A non-integer or negative locality is refused with a failure reply before any engine is asked.
  host.receive({ rpc: 'request', id: 7, method: 'locality', params: { locality: 1.5 } });
  host.receive({ rpc: 'request', id: 8, method: 'locality', params: { locality: -1 } });
  await tick();
  assert.deepEqual(calls, ['export svg scatter <svg/>']);
  assert.equal(logs.filter((l) => l.startsWith('dropped a webview message')).length, 10, logs.join('\n'));
  const replies = sent.filter((m) => (m as { rpc: string }).rpc === 'reply') as {
    id: number;
    ok: boolean;
    error: { message: string };
  }[];
  assert.deepEqual(
    replies.map((r) => [r.id, r.ok]),
    [
      [7, false],
      [8, false],
    ],
  );
  assert.match(replies[0].error.message, /bad request "locality"/);
  await assert.rejects(webview.request('locality', { locality: 0.5 }), /bad request "locality"/);
  host.dispose();
});

test('the buttons reach the extension as actions', async () => {
  const { host, webview, calls } = setup();
  webview.notify('rerun', {});
  webview.notify('saveResult', {});
  webview.notify('openSettings', {});
  webview.notify('export', { format: 'png', view: 'heatmap', data: 'data:image/png;base64,AA==' });
  webview.notify('copy', { text: 'CD3E\nCD2', what: '2 top genes of M0' });
  await tick();
  assert.deepEqual(calls, [
    'rerun',
    'save',
    'openSettings',
    'export png heatmap data:image/png;base64,AA==',
    'copy 2 top genes of M0: CD3E\nCD2',
  ]);
  host.dispose();
});

test('a kept engine whose thread died is replaced by a fresh load at the next request', async () => {
  const threads: FakeThread[] = [];
  const { host, webview } = setup(loader(threads));
  host.showResult(result, null, null);
  // Two requests at once load one engine, not two.
  const [a, b] = await Promise.all([
    webview.request('locality', { locality: 0 }),
    webview.request('locality', { locality: 1 }),
  ]);
  assert.deepEqual([a.locality, b.locality, threads.length], [0, 1, 1]);
  threads[0].die();
  const again = await webview.request('locality', { locality: 0 });
  assert.equal(threads.length, 2, 'a new engine was loaded');
  assert.deepEqual([...decodePattern(again.pattern)], [...decodePattern(a.pattern)]);
  host.dispose();
  assert.equal(threads[1].terminated, true, 'closing the panel ends the kept engine');
});

test('an engine handed to a closed panel (closed while its result was stored) is ended, not kept', async () => {
  const { host } = setup();
  const { engine, thread } = inProcessEngine();
  host.dispose();
  host.showResult(result, null, engine);
  assert.equal(engine.alive, false);
  assert.equal(thread.terminated, true);
});

test('a newer result ends the engine of the one before', async () => {
  const { host } = setup();
  const first = inProcessEngine();
  const second = inProcessEngine();
  host.showResult(result, null, first.engine);
  host.showResult(result, null, second.engine);
  assert.deepEqual([first.thread.terminated, second.thread.terminated], [true, false]);
  host.releaseEngine();
  assert.equal(second.thread.terminated, true);
  host.dispose();
});

test('a k picked in the webview reaches the extension (not while a run goes on); the kept engine answers it and stays', async () => {
  const { host, webview, calls } = setup();
  webview.notify('modulesAtK', { k: 3 });
  await tick();
  assert.deepEqual(calls, [], 'no result shown: nothing to change');
  const { engine, thread } = inProcessEngine();
  const shown = await engine.run(
    { file: blobs, params: blobParams, paramSources: {}, resultPath: '/ws/store/blobs.lava.json' },
    () => {},
  );
  host.showResult(shown, null, engine);
  webview.notify('modulesAtK', { k: 3 });
  await tick();
  host.showRunning('blobs.csv', 'modules', 0.2);
  webview.notify('modulesAtK', { k: 4 });
  host.receive({ rpc: 'note', type: 'modulesAtK', payload: { k: 0 } });
  await tick();
  assert.deepEqual(calls, ['changeK 3'], 'k = 4 came during a run; k = 0 is not a number of modules');
  // What the extension then does: ask the host, which asks the kept engine, and show the answer with it.
  const steps: string[] = [];
  const at3 = await host.modulesAtK(3, '/ws/store/blobs.lava.json', (step) => steps.push(step));
  assert.equal(at3.summary.moduleCount, 3);
  assert.equal(decodeResult(at3.text, 'at3').modules.length, 3);
  assert.ok(steps.length > 0 && steps.every((s) => s === 'modules'));
  host.showResult(at3, null, 'kept');
  assert.equal(thread.terminated, false, 'the engine that computed it is kept');
  assert.equal((await webview.request('locality', { locality: 0 })).locality, 0);
  host.dispose();
  assert.equal(thread.terminated, true);
});

/** Pearson over the given rows of the blobs' X, two passes. */
const brutePearson = (rows: number[], i: number, j: number) => pearson(X.flat(), 6, rows, i, j);

test('selection and rows requests go through the host to the engine: correlations inside and outside, row values', async () => {
  const threads: FakeThread[] = [];
  const { host, webview } = setup(loader(threads));
  host.showResult(result, null, null);
  // The first blob (even rows): a ~ b correlate there and not in the odd rows.
  const even = Array.from({ length: 60 }, (_, k) => 2 * k);
  const odd = Array.from({ length: 60 }, (_, k) => 2 * k + 1);
  const sel = await webview.request('selection', { rows: even });
  assert.deepEqual([sel.insideCount, sel.restCount], [60, 60]);
  assert.deepEqual(sel.features, ['a', 'b', 'c', 'd', 'e', 'f']);
  const inside = decodePattern(sel.inside);
  const rest = decodePattern(sel.rest);
  let q = 0;
  for (let i = 0; i < 6; i++)
    for (let j = i + 1; j < 6; j++, q++) {
      assert.ok(Math.abs(inside[q] - brutePearson(even, i, j)) < 1e-5, `inside (${i}, ${j})`);
      assert.ok(Math.abs(rest[q] - brutePearson(odd, i, j)) < 1e-5, `rest (${i}, ${j})`);
    }
  assert.ok(inside[0] > 0.9 && Math.abs(rest[0]) < 0.4, `r(a, b) ${inside[0]} inside, ${rest[0]} outside`);

  const got = await webview.request('rows', { rows: [5, 0] });
  assert.deepEqual(got.rows, [5, 0]);
  assert.deepEqual(
    Array.from(decodePattern(got.values), (v) => Number(v.toFixed(4))),
    [
      ...X[5].map((v) => Number(Math.fround(v).toFixed(4))),
      ...X[0].map((v) => Number(Math.fround(v).toFixed(4))),
    ],
  );
  await assert.rejects(webview.request('rows', { rows: [120] }), /no row 120: this result has 120/);
  await assert.rejects(webview.request('selection', { rows: [0, 500] }), /no row 500/);
  assert.equal(threads.length, 1, 'one engine loaded for all of them');
  host.dispose();
});

test('selection notes reach the extension for rows of the shown result; other rows are dropped and logged', async () => {
  const { host, webview, calls, logs } = setup();
  webview.notify('copyRows', { rows: [1, 2] });
  await tick();
  assert.deepEqual(calls, [], 'no result shown: nothing to copy');
  host.showResult(result, null, null);
  webview.notify('exportSelection', { rows: [0, 3, 9] });
  webview.notify('copyRows', { rows: [4] });
  webview.notify('openRow', { row: 7 });
  webview.notify('openRow', { row: 120 });
  host.receive({ rpc: 'note', type: 'exportSelection', payload: { rows: [] } });
  await tick();
  assert.deepEqual(calls, ['exportSelection 0 3 9', 'copyRows 4', 'openRow 7']);
  assert.match(logs.join('\n'), /webview note ignored: no result is shown/);
  assert.match(logs.join('\n'), /webview note ignored: no row 120: this result has 120/);
  assert.match(logs.join('\n'), /dropped a webview message: bad note "exportSelection"/);
  host.dispose();
});
