// The host's side of the map: the running run's embedding forwarded to the webview (and again after a reload
// while the run goes, not once its result is there), and feature requests answered through the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExplorerHost } from '../../src/extension/explorerHost';
import { Peer } from '../../src/shared/rpc';
import { hostContract, webviewContract } from '../../src/shared/protocol';
import { blobParams, blobsCsv, dataFile, decodePattern } from './support/blobs';
import { inProcessEngine } from './support/inProcessEngine';

function setup() {
  const host = new ExplorerHost(
    { post: (m) => queueMicrotask(() => webview.receive(structuredClone(m))) },
    {
      rerun: () => {},
      changeK: () => {},
      save: () => {},
      openSettings: () => {},
      exportView: () => {},
      exportSelection: () => {},
      copyRows: () => {},
      openRow: () => {},
      copy: () => {},
      loadEngine: () => Promise.reject(new Error('no data file')),
      log: () => {},
    },
  );
  const webview = new Peer({ post: (m) => queueMicrotask(() => host.receive(structuredClone(m))) }, webviewContract, hostContract);
  const maps: { coords: number[]; dims: number }[] = [];
  webview.on('embedding', (e) => maps.push({ coords: Array.from(e.coords), dims: e.dims }));
  return { host, webview, maps };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

test('the embedding of a running run reaches the webview, again on ready while running, not after the result', async () => {
  const { host, webview, maps } = setup();
  host.showEmbedding(Float32Array.of(1, 2, 3, 4), 2);
  await tick();
  assert.deepEqual(maps, [], 'no run, no early map');
  host.showRunning('blobs.csv', 'embedding', 1);
  host.showEmbedding(Float32Array.of(1, 2, 3, 4), 2);
  await tick();
  assert.deepEqual(maps, [{ coords: [1, 2, 3, 4], dims: 2 }]);
  webview.notify('ready', {});
  await tick();
  assert.equal(maps.length, 2, 'a reloaded webview gets it again');
  const { engine } = inProcessEngine();
  const { text } = blobsCsv(60);
  const result = await engine.run({ file: dataFile(text, 'b.csv'), params: blobParams, paramSources: {}, resultPath: '/ws/b.lava.json' }, () => {});
  host.showResult(result, null, engine);
  webview.notify('ready', {});
  await tick();
  assert.equal(maps.length, 2, 'once the result is there the early map is not sent again');
  host.dispose();
});

test('a feature request is answered by the kept engine with that column of X', async () => {
  const { host, webview } = setup();
  const { engine } = inProcessEngine();
  const { text, X } = blobsCsv(60);
  const result = await engine.run({ file: dataFile(text, 'b.csv'), params: blobParams, paramSources: {}, resultPath: '/ws/b.lava.json' }, () => {});
  host.showResult(result, null, engine);
  const r = await webview.request('feature', { feature: 'b' });
  assert.deepEqual(Array.from(decodePattern(r.values)), Array.from(Float32Array.from(X.map((row) => row[1]))));
  await assert.rejects(webview.request('feature', { feature: 'nope' }), /unknown feature "nope"/);
  host.dispose();
});
