// Per-row kNN overlap between two maps, hand-computed on five points, and its summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neighbourhoodOverlap, overlapSummary } from '../../../src/engine/compare/overlap';

/** Points on the x axis (y = 0), as a 2-D map. */
const line = (xs: number[]) => ({ coords: Float32Array.from(xs.flatMap((x) => [x, 0])), dims: 2 });

test('hand-computed: rows 3 and 4 swap places, k = 2', async () => {
  // A: 0 1 2 3 4. kNN (ties by lower row): 0 {1,2}, 1 {0,2}, 2 {1,3}, 3 {2,4}, 4 {3,2}.
  // B: rows 3 and 4 at x = 4 and 3: 0 {1,2}, 1 {0,2}, 2 {1,4}, 3 {4,2}, 4 {2,3}. Only row 2 loses one of two.
  const kept = await neighbourhoodOverlap(line([0, 1, 2, 3, 4]), line([0, 1, 2, 4, 3]), 5, 2);
  assert.deepEqual(Array.from(kept), [1, 1, 0.5, 1, 1]);
  assert.deepEqual(overlapSummary(kept), { mean: 0.9, min: 0.5, q1: 1, median: 1, q3: 1, max: 1 });
});

test('a far move: row 0 taken to the other end keeps none of its neighbours', async () => {
  // B: row 0 at x = 10: 0 {4,3}; A: 0 {1,2}. Row 1 in B: {2,3} vs A {0,2}: one of two.
  const kept = await neighbourhoodOverlap(line([0, 1, 2, 3, 4]), line([10, 1, 2, 3, 4]), 5, 2);
  assert.equal(kept[0], 0);
  assert.equal(kept[1], 0.5);
});

test('identical maps keep every neighbourhood, and so does a mirrored, rotated, scaled one', async () => {
  const E = 200;
  const xy = new Float32Array(E * 2);
  for (let i = 0; i < E; i++) {
    xy[2 * i] = Math.sin(i * 12.9898) * 43.7;
    xy[2 * i + 1] = Math.cos(i * 78.233) * 17.1;
  }
  const same = await neighbourhoodOverlap({ coords: xy, dims: 2 }, { coords: xy.slice(), dims: 2 }, E, 15);
  assert.ok(same.every((v) => v === 1));
  // (x, y) -> 2 (-y, -x): a mirror and a rotation, scaled; distances keep their order.
  const mirrored = new Float32Array(E * 2);
  for (let i = 0; i < E; i++) {
    mirrored[2 * i] = -2 * xy[2 * i + 1];
    mirrored[2 * i + 1] = -2 * xy[2 * i];
  }
  const m = await neighbourhoodOverlap({ coords: xy, dims: 2 }, { coords: mirrored, dims: 2 }, E, 15);
  assert.equal(overlapSummary(m).mean, 1);
});

test('quartiles interpolate between order statistics as numpy does', async () => {
  // numpy.percentile([0, 0.25, 0.5, 1], [25, 50, 75]) = [0.1875, 0.375, 0.625]
  const s = overlapSummary(Float32Array.from([1, 0, 0.5, 0.25]));
  assert.deepEqual([s.q1, s.median, s.q3, s.mean], [0.1875, 0.375, 0.625, 0.4375]);
});

test('an aborted signal stops the kNN with LavaCancelled', async () => {
  const controller = new AbortController();
  controller.abort();
  const xy = { coords: Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i)), dims: 2 };
  await assert.rejects(neighbourhoodOverlap(xy, xy, 2000, 15, controller.signal), { name: 'LavaCancelled' });
});
