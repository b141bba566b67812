// The selection in the state: replace, add and remove on sorted rows (row sets themselves: reduceMap.test.ts); the
// engine asked for the selection's correlations only with 3 rows on each side; a locality's samples asked for with
// the locality; a new result forgets them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce } from '../../../webview/store/reduce';
import { initialState, type ExplorerState, type SelectMode } from '../../../webview/store/state';
import { makeFixture } from '../fixture';

const rows = (...r: number[]) => Int32Array.from(r);
const withResult = (): ExplorerState =>
  reduce(initialState(), { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });
const sel = (s: ExplorerState) => (s.selection ? Array.from(s.selection.rows) : null);
const select = (s: ExplorerState, r: number[], mode: SelectMode) =>
  reduce(s, { type: 'select', rows: rows(...r), mode });

test('select replaces, shift adds, alt removes; rows stay ascending and distinct, an empty selection is none', () => {
  let s = withResult();
  s = select(s, [9, 3, 3, 7, 400, -1], 'replace');
  assert.deepEqual(sel(s), [3, 7, 9]);
  assert.ok(s.selection!.rows instanceof Int32Array);
  assert.equal(s.tab, 'selection', 'a new selection shows its panel');
  s = select(s, [4, 7, 100], 'add');
  assert.deepEqual(sel(s), [3, 4, 7, 9, 100]);
  s = select(s, [7, 9, 8], 'remove');
  assert.deepEqual(sel(s), [3, 4, 100]);
  s = select(s, [1, 2], 'replace');
  assert.deepEqual(sel(s), [1, 2]);
  s = reduce(s, { type: 'tab', tab: 'heatmap' });
  s = select(s, [1, 2], 'remove');
  assert.equal(s.selection, null, 'removing every row leaves no selection');
  assert.equal(s.tab, 'heatmap', 'an emptied selection does not take the tab');
  s = select(s, [9999, -3], 'replace');
  assert.equal(s.selection, null, 'rows outside the result select nothing');
});

test('clearSelection clears the rows and their statistics; clearing nothing changes nothing', () => {
  const s = select(withResult(), [1, 2, 3], 'replace');
  assert.equal(s.selectionStats?.status, 'loading');
  const cleared = reduce(s, { type: 'clearSelection' });
  assert.equal(cleared.selection, null);
  assert.equal(cleared.selectionStats, null);
  assert.equal(reduce(cleared, { type: 'clearSelection' }), cleared);
});

test('select before any result changes nothing', () => {
  const s = initialState();
  assert.equal(select(s, [1], 'replace'), s);
});

test('the engine is asked for the correlations of a selection of 3 rows or more, with 3 or more outside', () => {
  let s = withResult();
  s = reduce(s, { type: 'select', rows: rows(1, 2), mode: 'replace' });
  assert.equal(s.selectionStats, null, 'two rows have no correlation');
  s = reduce(s, { type: 'select', rows: rows(5), mode: 'add' });
  assert.deepEqual(s.selectionStats && [s.selectionStats.status, [...s.selectionStats.key]], [
    'loading',
    [1, 2, 5],
  ]);
  const seq = s.selectionStats!.seq;
  // A newer selection supersedes the request: the old answer is not taken.
  s = reduce(s, { type: 'select', rows: rows(6), mode: 'add' });
  const stale = reduce(s, {
    type: 'selectionStatsLoaded',
    seq,
    value: {
      features: [],
      inside: new Float32Array(),
      rest: new Float32Array(),
      insideCount: 3,
      restCount: 297,
    },
  });
  assert.equal(stale.selectionStats?.status, 'loading');
  s = reduce(s, { type: 'selectionStatsFailed', seq: s.selectionStats!.seq, error: 'engine gone' });
  assert.equal(s.selectionStats?.status, 'failed');
  s = reduce(s, { type: 'retrySelectionStats' });
  assert.deepEqual([s.selectionStats?.status, [...s.selectionStats!.key]], ['loading', [1, 2, 5, 6]]);
  const all = Int32Array.from({ length: 298 }, (_, k) => k);
  assert.equal(
    reduce(s, { type: 'select', rows: all, mode: 'replace' }).selectionStats,
    null,
    'only 2 rows outside',
  );
});

test('picking a locality asks for its samples too, once; a new result forgets selection and samples', () => {
  let s = withResult();
  s = reduce(s, { type: 'showLocality', id: 4 });
  assert.deepEqual(
    [s.locality?.key, s.samples?.key, s.samples?.status, s.samples!.seq > s.locality!.seq],
    [4, 4, 'loading', true],
  );
  const again = reduce(s, { type: 'showLocality', id: 4 });
  assert.equal(again.samples, s.samples, 'the same locality is not asked twice');
  s = reduce(s, { type: 'select', rows: rows(1, 2, 3), mode: 'replace' });
  s = reduce(s, { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });
  assert.equal(s.selection, null);
  assert.equal(s.selectionStats, null);
  assert.deepEqual(
    [s.samples?.key, s.samples?.status],
    [4, 'loading'],
    "the kept locality's samples asked again",
  );
});
