// The selection in the state: replace, add and remove on sorted rows; the engine asked for the selection's
// correlations only with 3 rows on each side; a locality's samples asked for with the locality.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce } from '../../../webview/store/reduce';
import { initialState, type ExplorerState } from '../../../webview/store/state';
import { normalizeRows, subtractRows, unionRows } from '../../../webview/util/sortedRows';
import { makeFixture } from '../fixture';

const rows = (...r: number[]) => Int32Array.from(r);
const withResult = (): ExplorerState =>
  reduce(initialState(), { type: 'result', result: makeFixture(), appliedFrom: {}, resultUri: null });

test('sorted row sets: normalize, union and difference', () => {
  assert.deepEqual([...normalizeRows([5, 1, 5, 3, 1])], [1, 3, 5]);
  assert.deepEqual([...unionRows(rows(1, 4, 9), rows(2, 4, 10))], [1, 2, 4, 9, 10]);
  assert.deepEqual([...unionRows(rows(), rows(3))], [3]);
  assert.deepEqual([...subtractRows(rows(1, 2, 4, 9), rows(2, 3, 9))], [1, 4]);
  assert.deepEqual([...subtractRows(rows(1, 2), rows())], [1, 2]);
});

test('select replaces, adds and removes; an empty result clears; rows outside the result are ignored', () => {
  let s = withResult();
  s = reduce(s, { type: 'select', rows: rows(9, 3, 3, 7, 400, -1), mode: 'replace' });
  assert.deepEqual([...s.selection!.rows], [3, 7, 9]);
  s = reduce(s, { type: 'select', rows: rows(8, 3), mode: 'add' });
  assert.deepEqual([...s.selection!.rows], [3, 7, 8, 9]);
  s = reduce(s, { type: 'select', rows: rows(7, 9, 100), mode: 'remove' });
  assert.deepEqual([...s.selection!.rows], [3, 8]);
  s = reduce(s, { type: 'select', rows: rows(3, 8), mode: 'remove' });
  assert.equal(s.selection, null, 'removing every row clears the selection');
  s = reduce(s, { type: 'select', rows: rows(1, 2, 3), mode: 'replace' });
  s = reduce(s, { type: 'clearSelection' });
  assert.equal(s.selection, null);
  assert.equal(s.selectionStats, null);
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
