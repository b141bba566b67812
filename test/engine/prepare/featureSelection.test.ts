// Feature selection by hand-computed spread: constants dropped, the most variable kept in file order, ties by position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectFeatures } from '../../../src/engine/prepare/featureSelection';
import type { NumericColumn } from '../../../src/engine/types';
import { LavaInputError } from '../../../src/shared/errors';

const column = (name: string, index: number, values: number[]): NumericColumn => ({
  kind: 'numeric',
  name,
  index,
  values: Float64Array.from(values),
  bad: new Int32Array(0),
});

test('constants go, then the two largest population sds stay, ties to the earlier column', () => {
  // Over kept rows 0, 1, 3 (row 2 dropped): a = (0, 2, 4) sd 1.63; b = (1, 2, 3) sd 0.82; c = (4, 2, 0) sd 1.63;
  // d = (5, 5, 5) constant (its dropped row 2 differs, which must not count).
  const cands = [
    column('a', 0, [0, 2, 99, 4]),
    column('b', 1, [1, 2, 99, 3]),
    column('d', 2, [5, 5, 0, 5]),
    column('c', 3, [4, 2, 99, 0]),
  ];
  const notes: string[] = [];
  const keptRows = Int32Array.from([0, 1, 3]);
  const { features, droppedFeatures } = selectFeatures(cands, keptRows, 2, 'f.csv', notes);
  assert.deepEqual(
    features.map((c) => c.name),
    ['a', 'c'],
  );
  assert.deepEqual(droppedFeatures, [
    { name: 'd', reason: 'constant' },
    { name: 'b', reason: 'low-variance' },
  ]);
  assert.deepEqual(notes, [
    'dropped 1 constant feature: d',
    'kept the 2 most variable of 3 features (maxFeatures = 2); dropped 1 less variable',
  ]);
  // Tie at the cut: a and c have the same sd; with one place the earlier (a) wins.
  assert.deepEqual(
    selectFeatures(cands, keptRows, 1, 'f.csv', []).features.map((c) => c.name),
    ['a'],
  );
});

test('every candidate constant over the kept rows: an input error naming the features option', () => {
  assert.throws(
    () => selectFeatures([column('d', 0, [5, 5, 0])], Int32Array.from([0, 1]), 10, 'f.csv', []),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.file === 'f.csv' &&
      e.option === 'features' &&
      /every feature is constant over the rows kept/.test(e.problem),
  );
});
