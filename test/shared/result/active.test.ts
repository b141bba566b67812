import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeLocalities, activeLocalityCount, activeRows } from '../../../src/shared/result/active';

test('active localities: loading at least half the largest, none for an all-zero module', () => {
  assert.deepEqual(Array.from(activeLocalities([0, 0.2, 0.5, 1, 0.49])), [0, 0, 1, 1, 0]);
  assert.equal(activeLocalityCount([0, 0.2, 0.5, 1, 0.49]), 2);
  assert.deepEqual(Array.from(activeLocalities([0, 0, 0])), [0, 0, 0]);
  // Boolean (0/1) loadings: every locality that uses the module.
  assert.deepEqual(Array.from(activeLocalities([1, 0, 1])), [1, 0, 1]);
});

test('active rows: the union of the active localities\' members', () => {
  const localities = { count: 3, size: 2, members: Int32Array.from([0, 1, 1, 2, 3, 4]) };
  assert.deepEqual(Array.from(activeRows([1, 0.1, 0.6], localities, 6)), [1, 1, 0, 1, 1, 0]);
});
