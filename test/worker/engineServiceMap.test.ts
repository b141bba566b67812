// The engine thread's side of the map: the embedding announced (its buffer transferred) as soon as its step ends,
// before the result; a feature's values answered from the prepared X.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Peer } from '../../src/shared/rpc';
import { engineContract, engineHostContract } from '../../src/shared/workerProtocol';
import { serveEngine } from '../../src/worker/engineService';
import { decodeResult } from '../../src/shared/result/decode';
import { blobParams, blobsCsv, dataFile, decodePattern } from '../extension/support/blobs';

/** The service behind a port that records what it posts and with which transfer list, as a Worker would. */
function served() {
  const posted: { message: { rpc: string; type?: string }; transfer: ArrayBuffer[] }[] = [];
  const host = new Peer({ post: (m) => queueMicrotask(() => worker.receive(structuredClone(m))) }, engineHostContract, engineContract);
  const worker = new Peer(
    {
      post: (m, transfer = []) => {
        posted.push({ message: m as { rpc: string }, transfer });
        queueMicrotask(() => host.receive(structuredClone(m)));
      },
    },
    engineContract,
    engineHostContract,
  );
  serveEngine(worker);
  return { host, posted };
}

test('a run announces its embedding once, before its result, as Float32 with the buffer in the transfer list', async () => {
  const { host, posted } = served();
  const { text } = blobsCsv(120);
  const seen: { coords: Float32Array; dims: number }[] = [];
  host.on('embedding', (e) => seen.push(e));
  const result = await host.request('run', { file: dataFile(text), params: blobParams, paramSources: {}, resultPath: '/ws/blobs.lava.json' });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].dims, 2);
  assert.ok(seen[0].coords instanceof Float32Array);
  assert.deepEqual(Array.from(seen[0].coords), Array.from(decodeResult(result.text, 'run').embedding.coords));
  const notes = posted.filter((p) => p.message.rpc === 'note' && p.message.type === 'embedding');
  assert.equal(notes.length, 1);
  assert.equal(notes[0].transfer.length, 1, 'the coordinates travel in the transfer list, not copied');
  const at = (p: (typeof posted)[number]) => posted.indexOf(p);
  const reply = posted.find((p) => p.message.rpc === 'reply')!;
  assert.ok(at(notes[0]) < at(reply), 'the embedding comes before the result');
});

test('feature: every row of that column of X, as base64 Float32; an unknown feature fails by name', async () => {
  const { host } = served();
  const { text, X } = blobsCsv(80);
  await host.request('run', { file: dataFile(text), params: blobParams, paramSources: {}, resultPath: '/ws/blobs.lava.json' });
  const r = await host.request('feature', { feature: 'd' });
  assert.equal(r.feature, 'd');
  assert.deepEqual(Array.from(decodePattern(r.values)), Array.from(Float32Array.from(X.map((row) => row[3]))));
  await assert.rejects(host.request('feature', { feature: 'zz' }), /unknown feature "zz"/);
});
