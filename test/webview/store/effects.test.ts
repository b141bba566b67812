// The request effects: one request per new loading entry, answers and failures back as actions, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostContract, webviewContract } from '../../../src/shared/protocol';
import { Peer } from '../../../src/shared/rpc';
import { pack } from '../../../src/shared/result/packed';
import { startEffects, type HostPeer } from '../../../webview/store/effects';
import { reduce } from '../../../webview/store/reduce';
import { initialState } from '../../../webview/store/state';
import { Store } from '../../../webview/store/store';
import type { HostSide } from '../fakeHost';
import { settle } from '../fakeHost';
import { makeFixture } from '../fixture';

function setup() {
  const link: { webview?: HostPeer; host?: HostSide } = {};
  link.webview = new Peer({ post: (m) => queueMicrotask(() => link.host!.receive(structuredClone(m))) }, webviewContract, hostContract);
  link.host = new Peer({ post: (m) => queueMicrotask(() => link.webview!.receive(structuredClone(m))) }, hostContract, webviewContract);
  const start = reduce(initialState(), { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });
  const store = new Store(start);
  const stop = startEffects(store, link.webview);
  return { store, host: link.host, webview: link.webview, stop };
}

test('one request per new loading entry, however many other actions come meanwhile', async () => {
  const { store, host } = setup();
  const asked: string[] = [];
  host.handle('pair', ({ a, b }) => {
    asked.push(`${a}|${b}`);
    return { a, b, av: [1], bv: [2] };
  });
  store.dispatch({ type: 'showPair', a: 'f0', b: 'f1' });
  store.dispatch({ type: 'toggleProbes' });
  store.dispatch({ type: 'selectModule', id: 1 });
  await settle();
  assert.deepEqual(asked, ['f0|f1']);
  assert.deepEqual(store.get().pair, { key: { a: 'f0', b: 'f1' }, seq: 1, status: 'ready', value: { a: 'f0', b: 'f1', av: [1], bv: [2] } });
});

test('a locality answer whose sizes disagree is a failure, not a heatmap that cannot be drawn', async () => {
  const { store, host } = setup();
  host.handle('locality', ({ locality }) => ({ locality, pattern: pack(Float32Array.from([0.1, 0.2])), features: ['a', 'b'] }));
  store.dispatch({ type: 'showLocality', id: 1 });
  await settle();
  assert.deepEqual(store.get().locality, {
    key: 1,
    seq: 1,
    status: 'failed',
    error: 'the host sent 2 weights for 2 features',
  });
});

test('an answer outside the contract is a failure naming the request', async () => {
  const { store, host } = setup();
  host.handle('pair', ({ a, b }) => ({ a, b, av: 'not numbers' }) as never);
  store.dispatch({ type: 'showPair', a: 'f0', b: 'f1' });
  await settle();
  const p = store.get().pair;
  assert.equal(p?.status, 'failed');
  assert.match(p?.status === 'failed' ? p.error : '', /^bad reply to "pair"/);
});

test('stopping the effects cancels the request in flight; its answer never lands', async () => {
  const { store, host, stop } = setup();
  let aborted = false;
  host.handle('locality', (_, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('x'))))));
  store.dispatch({ type: 'showLocality', id: 0 });
  await settle();
  stop();
  await settle();
  assert.equal(aborted, true);
  assert.equal(store.get().locality?.status, 'loading');
});
