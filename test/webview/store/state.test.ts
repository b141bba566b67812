// The state reducer: one direction of data flow, stale replies dropped, selection kept only where it still applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLOR_BY_MODULE, initialState, persisted, reduce, type ExplorerState } from '../../../webview/store/state';
import { makeFixture } from '../fixture';
import { encodeFloat32 } from '../../../src/shared/result/codec';

function withResult(saved?: Parameters<typeof initialState>[0]): ExplorerState {
  return reduce(initialState(saved), {
    type: 'message',
    message: {
      type: 'result',
      result: makeFixture(),
      appliedFrom: { seed: 'command' },
      resultUri: 'file:///r.lava.json',
    },
  });
}

test('a result selects the first module and colours by the first text column', () => {
  const s = withResult();
  assert.equal(s.selectedModule, 0);
  assert.equal(s.colorBy, 'label');
  assert.equal(s.heatmapOf, 'module');
  assert.deepEqual(s.appliedFrom, { seed: 'command' });
  // resultUri goes into the persisted state so the host can re-send the result after a reload.
  assert.deepEqual(persisted(s), {
    selectedModule: 0,
    colorBy: 'label',
    selectedLocality: null,
    resultUri: 'file:///r.lava.json',
  });
});

test('selecting a module colours the map by its activity and brings its heatmap back', () => {
  let s = withResult();
  s = reduce(s, { type: 'requestLocality', id: 2, requestId: 5 });
  s = reduce(s, {
    type: 'message',
    message: {
      type: 'localityCorrelations',
      requestId: 5,
      locality: 2,
      pattern: encodeFloat32([0.5]),
      features: ['a', 'b'],
    },
  });
  assert.equal(s.heatmapOf, 'locality');
  assert.deepEqual(Array.from(s.locality!.pattern), [0.5]);
  s = reduce(s, { type: 'selectModule', id: 2 });
  assert.equal(s.selectedModule, 2);
  assert.equal(s.colorBy, COLOR_BY_MODULE);
  assert.equal(s.heatmapOf, 'module');
  assert.equal(s.selectedLocality, 2, 'the map keeps showing the chosen locality');
});

test('replies to superseded requests change nothing', () => {
  let s = withResult();
  s = reduce(s, { type: 'requestPair', a: 'f0', b: 'f1', requestId: 1 });
  s = reduce(s, { type: 'requestPair', a: 'f3', b: 'f4', requestId: 2 });
  const before = s;
  s = reduce(s, {
    type: 'message',
    message: { type: 'pairValues', requestId: 1, a: 'f0', b: 'f1', av: [1], bv: [2] },
  });
  assert.equal(s, before);
  s = reduce(s, {
    type: 'message',
    message: { type: 'pairValues', requestId: 2, a: 'f3', b: 'f4', av: [1], bv: [2] },
  });
  assert.deepEqual(s.pair, { a: 'f3', b: 'f4', av: [1], bv: [2] });
  assert.equal(s.pendingPair, null);
});

test('running and error messages are shown until a result arrives', () => {
  let s = reduce(initialState(), {
    type: 'message',
    message: { type: 'running', file: 'a.csv', step: 'correlations', fraction: 0.5 },
  });
  assert.deepEqual(s.running, { file: 'a.csv', step: 'correlations', fraction: 0.5 });
  s = reduce(s, { type: 'message', message: { type: 'error', message: 'a.csv:3:2 not a number' } });
  assert.equal(s.running, null);
  assert.equal(s.error, 'a.csv:3:2 not a number');
  s = reduce(s, { type: 'message', message: { type: 'result', result: makeFixture(), appliedFrom: {} } });
  assert.equal(s.error, null);
  assert.equal(s.resultUri, null);
});

test('probes toggle', () => {
  let s = withResult();
  assert.equal(s.showProbes, false);
  s = reduce(s, { type: 'toggleProbes' });
  assert.equal(s.showProbes, true);
  s = reduce(s, { type: 'toggleProbes', show: false });
  assert.equal(s.showProbes, false);
});

test('an unknown action or host message leaves the state as it was (it used to become undefined)', () => {
  const s = withResult();
  assert.equal(reduce(s, { type: 'noSuchAction' } as unknown as Parameters<typeof reduce>[1]), s);
  const stray = { type: 'message', message: { type: 'noSuchMessage' } } as unknown as Parameters<typeof reduce>[1];
  assert.equal(reduce(s, stray), s);
});
