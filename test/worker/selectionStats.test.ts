// The selection's correlations from sums: inside and rest (global sums minus the selection's) against hand-computed
// values and a direct two-pass Pearson over each set of rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  centredSums,
  columnMeans,
  correlationsFromSums,
  subtractSums,
} from '../../src/worker/selectionStats';
import { pairIndex } from '../../src/shared/result/pairs';
import { seededUniform } from '../../src/engine/random';
import { pearson } from '../engine/correlations/pearsonReference';

async function insideAndRest(X: Float64Array, E: number, F: number, rows: number[]) {
  const mean = columnMeans(X, E, F);
  const all = await centredSums(X, E, F, mean, null);
  const inside = await centredSums(X, E, F, mean, rows);
  return {
    inside: correlationsFromSums(inside, F),
    rest: correlationsFromSums(subtractSums(all, inside), F),
  };
}

test('hand-computed: r = 0.5 inside, -1 in the rest, 0 for a feature constant in the set', async () => {
  // Rows 0-2 are the selection: x = 1,2,3 and y = 1,3,2 give cov 1, var 2 and 2, r = 0.5.
  // Rows 3-5 are the rest: y falls as x rises, r = -1. Feature z is constant (7) inside the selection only.
  const X = Float64Array.from([1, 1, 7, 2, 3, 7, 3, 2, 7, 1, 3, 0, 2, 2, 5, 3, 1, 1]);
  const { inside, rest } = await insideAndRest(X, 6, 3, [0, 1, 2]);
  assert.ok(Math.abs(inside[pairIndex(0, 1, 3)] - 0.5) < 1e-6, `inside r(x, y) = ${inside[0]}`);
  assert.equal(inside[pairIndex(0, 2, 3)], 0, 'z is constant inside: no correlation');
  assert.equal(inside[pairIndex(1, 2, 3)], 0);
  assert.ok(Math.abs(rest[pairIndex(0, 1, 3)] + 1) < 1e-6, `rest r(x, y) = ${rest[0]}`);
  // In the rest z = 0,5,1 against x = 1,2,3: means 2 and 2, cov (-1)(-2)+0+(1)(-1) = 1, var 2 and 14.
  assert.ok(Math.abs(rest[pairIndex(0, 2, 3)] - 1 / Math.sqrt(28)) < 1e-6);
});

test('many rows (several chunks, F not a multiple of 4): inside and rest equal a direct two-pass Pearson', async () => {
  const E = 1300;
  const F = 7;
  const rand = seededUniform(3);
  const X = new Float64Array(E * F);
  for (let r = 0; r < E; r++) {
    const t = rand();
    // Offsets far from zero: the sums are centred on the global mean, so no precision is lost to them.
    for (let f = 0; f < F; f++) X[r * F + f] = 1000 + f * 50 + (f < 3 ? t * (f + 1) : 0) + rand();
  }
  const rows = Array.from({ length: E }, (_, r) => r).filter((r) => r % 3 === 0 || r > 1100);
  const restRows = Array.from({ length: E }, (_, r) => r).filter((r) => !rows.includes(r));
  const { inside, rest } = await insideAndRest(X, E, F, rows);
  let q = 0;
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++, q++) {
      assert.ok(Math.abs(inside[q] - pearson(X, F, rows, i, j)) < 1e-5, `inside (${i}, ${j})`);
      assert.ok(Math.abs(rest[q] - pearson(X, F, restRows, i, j)) < 1e-5, `rest (${i}, ${j})`);
    }
  assert.ok(inside[pairIndex(0, 1, F)] > 0.3, 'the planted correlation is there');
});

test('a cancelled selection stops between chunks', async () => {
  const E = 2000;
  const X = new Float64Array(E * 4).map((_, k) => k % 7);
  const abort = new AbortController();
  abort.abort();
  await assert.rejects(
    centredSums(X, E, 4, columnMeans(X, E, 4), null, abort.signal),
    (e: Error) => e.name === 'LavaCancelled',
  );
});
