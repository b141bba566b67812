// The map's actions in the reducer: row sets, tabs, search and its feature request, the early map (the selection's
// own actions are tested in reduceSelection.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce } from '../../../webview/store/reduce';
import { persisted } from '../../../webview/store/persist';
import { normalizeRows, rowMask, subtractRows, unionRows } from '../../../webview/store/rowSets';
import { COLOR_BY_FEATURE, initialState, type ExplorerState } from '../../../webview/store/state';
import { makeFixture } from '../fixture';

function withResult(): ExplorerState {
  return reduce(initialState(), { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });
}

const rows = (...r: number[]) => Int32Array.from(r);

test('row sets: normalised ascending and distinct within range; union and difference by hand', () => {
  assert.deepEqual(Array.from(normalizeRows([5, 1, 5, 300, -1, 3, 1], 300)), [1, 3, 5]);
  assert.deepEqual(Array.from(normalizeRows([], 300)), []);
  assert.deepEqual(Array.from(unionRows(rows(1, 4, 9), rows(0, 4, 5, 10))), [0, 1, 4, 5, 9, 10]);
  assert.deepEqual(Array.from(unionRows(rows(), rows(2))), [2]);
  assert.deepEqual(Array.from(subtractRows(rows(1, 4, 5, 9), rows(0, 4, 9, 11))), [1, 5]);
  assert.deepEqual(Array.from(subtractRows(rows(1, 2), rows())), [1, 2]);
  assert.deepEqual(Array.from(rowMask(rows(0, 3), 5)), [1, 0, 0, 1, 0]);
});

test('the chosen tab is persisted and restored; a heatmap cell shows the pair tab, a clicked locality its samples', () => {
  let s = reduce(withResult(), { type: 'tab', tab: 'picture' });
  assert.equal(persisted(s).tab, 'picture');
  assert.equal(initialState(persisted(s)).tab, 'picture');
  s = reduce(s, { type: 'showPair', a: 'f0', b: 'f1' });
  assert.equal(s.tab, 'pair');
  s = reduce(s, { type: 'showLocality', id: 2 });
  assert.equal(s.tab, 'samples');
  assert.equal(s.heatmapOf, 'locality', 'the heatmap (pinned on wide panels) shows the locality');
});

test('a feature search colours by the feature and asks for its values once; a value search colours by its column', () => {
  let s = reduce(withResult(), { type: 'search', target: { kind: 'feature', feature: 'f3' } });
  assert.equal(s.colorBy, COLOR_BY_FEATURE);
  assert.deepEqual(s.feature, { key: 'f3', seq: 1, status: 'loading' });
  const again = reduce(s, { type: 'search', target: { kind: 'feature', feature: 'f3' } });
  assert.equal(again.feature, s.feature, 'the same feature again is not asked twice');
  s = reduce(s, { type: 'featureLoaded', seq: 1, value: Float32Array.of(1, 2) });
  assert.equal(s.feature?.status, 'ready');
  // A stale answer (an older request) is ignored.
  const stale = reduce(s, { type: 'featureFailed', seq: 0, error: 'x' });
  assert.equal(stale.feature, s.feature);
  s = reduce(s, { type: 'search', target: { kind: 'value', column: 'label', value: 'blob B' } });
  assert.equal(s.colorBy, 'label');
  assert.equal(s.feature, null);
  s = reduce(s, { type: 'search', target: { kind: 'feature', feature: 'f1' } });
  s = reduce(s, { type: 'search', target: null });
  assert.equal(s.search, null);
  assert.equal(s.colorBy, 'label', 'clearing a feature search goes back to the label colouring');
});

test('a failed feature request can be retried with a new request number', () => {
  let s = reduce(withResult(), { type: 'search', target: { kind: 'feature', feature: 'f2' } });
  s = reduce(s, { type: 'featureFailed', seq: s.feature!.seq, error: 'worker gone' });
  assert.equal(s.feature?.status, 'failed');
  const retried = reduce(s, { type: 'retryFeature' });
  assert.deepEqual(retried.feature, { key: 'f2', seq: s.seq + 1, status: 'loading' });
});

test('the early map is kept while the run goes and dropped by its result or its failure', () => {
  const map = { coords: Float32Array.of(0, 0, 1, 1), dims: 2 };
  let s = reduce(initialState(), { type: 'embedding', map });
  assert.equal(s.earlyMap, map);
  s = reduce(s, { type: 'running', running: { file: 'a.csv', step: 'localities', fraction: 0.5 } });
  assert.equal(s.earlyMap, map);
  assert.equal(reduce(s, { type: 'runFailed', message: 'x' }).earlyMap, null);
  assert.equal(reduce(s, { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null }).earlyMap, null);
});
