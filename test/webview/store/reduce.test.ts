// The state reducer: one direction of data flow, answers taken only for the current request, failures kept for
// a retry, selection kept only where it still applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce } from '../../../webview/store/reduce';
import { persisted } from '../../../webview/store/persist';
import { COLOR_BY_MODULE, initialState, type Action, type ExplorerState } from '../../../webview/store/state';
import { makeFixture } from '../fixture';

function withResult(saved?: Parameters<typeof initialState>[0]): ExplorerState {
  return reduce(initialState(saved), {
    type: 'result',
    result: makeFixture(),
    appliedFrom: { seed: 'command' },
    resultUri: 'file:///r.lava.json',
  });
}

const locality = (id: number) => ({ id, pattern: Float32Array.of(0.5), features: ['a', 'b'] });

test('a result selects the first module and colours by the first text column', () => {
  const s = withResult();
  assert.equal(s.selectedModule, 0);
  assert.equal(s.colorBy, 'label');
  assert.equal(s.heatmapOf, 'module');
  assert.equal(s.locality, null, 'nothing picked, nothing asked');
  assert.deepEqual(s.appliedFrom, { seed: 'command' });
  // resultUri goes into the persisted state so the host can re-send the result after a reload.
  assert.deepEqual(persisted(s), {
    selectedModule: 0,
    colorBy: 'label',
    selectedLocality: null,
    tab: 'heatmap',
    resultUri: 'file:///r.lava.json',
  });
});

test('picking a locality asks for it at once and shows it when its answer comes; selecting a module brings the module back', () => {
  let s = withResult();
  s = reduce(s, { type: 'showLocality', id: 2 });
  assert.deepEqual(s.locality, { key: 2, seq: 1, status: 'loading' });
  assert.equal(s.heatmapOf, 'locality');
  assert.equal(s.selectedLocality, 2);
  s = reduce(s, { type: 'localityLoaded', seq: 1, value: locality(2) });
  assert.equal(s.locality?.status, 'ready');
  s = reduce(s, { type: 'selectModule', id: 2 });
  assert.equal(s.selectedModule, 2);
  assert.equal(s.colorBy, COLOR_BY_MODULE);
  assert.equal(s.heatmapOf, 'module');
  assert.equal(s.selectedLocality, 2, 'the map keeps showing the chosen locality');
  // Picking it again shows the answer already there: no second request.
  const again = reduce(s, { type: 'showLocality', id: 2 });
  assert.equal(again.heatmapOf, 'locality');
  assert.equal(again.locality, s.locality);
  assert.equal(again.seq, s.seq);
});

test('answers to superseded requests change nothing', () => {
  let s = withResult();
  s = reduce(s, { type: 'showPair', a: 'f0', b: 'f1' });
  s = reduce(s, { type: 'showPair', a: 'f3', b: 'f4' });
  const before = s;
  s = reduce(s, { type: 'pairLoaded', seq: 1, value: { a: 'f0', b: 'f1', av: [1], bv: [2] } });
  assert.equal(s, before);
  s = reduce(s, { type: 'pairFailed', seq: 1, error: 'late' });
  assert.equal(s, before);
  s = reduce(s, { type: 'pairLoaded', seq: 2, value: { a: 'f3', b: 'f4', av: [1], bv: [2] } });
  assert.deepEqual(s.pair, { key: { a: 'f3', b: 'f4' }, seq: 2, status: 'ready', value: { a: 'f3', b: 'f4', av: [1], bv: [2] } });
  // A second answer to the same request (already answered) is ignored too.
  assert.equal(reduce(s, { type: 'pairFailed', seq: 2, error: 'twice' }), s);
});

test('a failure is kept with its message; retry asks again under a new number; retry without a failure does nothing', () => {
  let s = withResult();
  s = reduce(s, { type: 'showLocality', id: 5 });
  s = reduce(s, { type: 'localityFailed', seq: 1, error: 'worker gone' });
  assert.deepEqual(s.locality, { key: 5, seq: 1, status: 'failed', error: 'worker gone' });
  assert.equal(s.heatmapOf, 'locality', 'the failure is shown where the heatmap would be');
  // Number 2 went to the locality's samples, asked for with it.
  s = reduce(s, { type: 'retryLocality' });
  assert.deepEqual(s.locality, { key: 5, seq: 3, status: 'loading' });
  assert.equal(reduce(s, { type: 'retryLocality' }), s);
  // Picking the failed locality again is a retry too.
  s = reduce(s, { type: 'localityFailed', seq: 3, error: 'still gone' });
  assert.deepEqual(reduce(s, { type: 'showLocality', id: 5 }).locality, { key: 5, seq: 4, status: 'loading' });
  let p = reduce(withResult(), { type: 'showPair', a: 'f0', b: 'f2' });
  p = reduce(p, { type: 'pairFailed', seq: 1, error: 'no worker' });
  assert.deepEqual(reduce(p, { type: 'retryPair' }).pair, { key: { a: 'f0', b: 'f2' }, seq: 2, status: 'loading' });
});

test('a new result drops the old answers and asks again for a locality it still has', () => {
  let s = withResult({ selectedModule: null, colorBy: null, selectedLocality: 3 });
  assert.deepEqual(s.locality, { key: 3, seq: 1, status: 'loading' });
  assert.equal(s.heatmapOf, 'locality');
  s = reduce(s, { type: 'localityLoaded', seq: 1, value: locality(3) });
  s = reduce(s, { type: 'showPair', a: 'f0', b: 'f1' });
  s = reduce(s, { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });
  // Numbers 2 and 5 went to the locality's samples, asked for with it.
  assert.deepEqual(s.locality, { key: 3, seq: 4, status: 'loading' }, "the old result's correlations are not reused");
  assert.equal(s.pair, null);
});

test('running and error notes are shown until a result arrives', () => {
  let s = reduce(initialState(), { type: 'running', running: { file: 'a.csv', step: 'correlations', fraction: 0.5 } });
  assert.deepEqual(s.running, { file: 'a.csv', step: 'correlations', fraction: 0.5 });
  s = reduce(s, { type: 'runFailed', message: 'a.csv:3:2 not a number' });
  assert.equal(s.running, null);
  assert.equal(s.error, 'a.csv:3:2 not a number');
  s = reduce(s, { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });
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

test('an unknown action leaves the state as it was (it used to become undefined)', () => {
  const s = withResult();
  assert.equal(reduce(s, { type: 'noSuchAction' } as unknown as Action), s);
  assert.equal(reduce(s, { type: 'message', message: { type: 'noSuchMessage' } } as unknown as Action), s);
});
