// Feature orders for the heatmap: average linkage against the textbook UPGMA example, blocks brought together,
// order by weight, and a permuted pattern that keeps every pair's weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  averageLinkageOrder,
  featureOrder,
  featureStrength,
  permutePattern,
} from '../../../webview/util/featureOrder';
import { pairCount, pairIndex } from '../../../src/shared/result/pairs';
import { topPairs } from '../../../webview/util/topPairs';

test('UPGMA on the textbook five-item example: (a,b) join at 17, then e at 22, (c,d) at 28', () => {
  // Wikipedia's UPGMA example: a..e with these distances; the tree is (((a,b),e),(c,d)).
  const names = 'abcde';
  const d: Record<string, number> = {
    ab: 17,
    ac: 21,
    ad: 31,
    ae: 23,
    bc: 30,
    bd: 34,
    be: 21,
    cd: 28,
    ce: 39,
    de: 43,
  };
  const D = new Float64Array(25);
  for (const [k, v] of Object.entries(d)) {
    const [i, j] = [names.indexOf(k[0]), names.indexOf(k[1])];
    D[i * 5 + j] = D[j * 5 + i] = v;
  }
  const order = Array.from(averageLinkageOrder(D, 5), (i) => names[i]).join('');
  assert.equal(order, 'abecd');
});

test('clustering brings interleaved blocks of strongly tied features together', () => {
  const F = 6;
  const p = new Float32Array(pairCount(F));
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++) p[pairIndex(i, j, F)] = i % 2 === j % 2 ? (i % 2 ? -0.8 : 0.9) : 0.1;
  assert.deepEqual([...featureOrder(p, F, 'cluster')], [0, 2, 4, 1, 3, 5]);
  assert.deepEqual([...featureOrder(p, F, 'file')], [0, 1, 2, 3, 4, 5]);
});

test('order by weight: total |w| per feature, largest first, ties in file order', () => {
  const F = 4;
  const p = new Float32Array(pairCount(F));
  p[pairIndex(2, 3, F)] = -0.5;
  p[pairIndex(1, 3, F)] = 0.25;
  // |w| per feature: 0 -> 0, 1 -> 0.25, 2 -> 0.5, 3 -> 0.75.
  assert.deepEqual([...featureStrength(p, F)], [0, 0.25, 0.5, 0.75]);
  assert.deepEqual([...featureOrder(p, F, 'weight')], [3, 2, 1, 0]);
});

test('a permuted pattern holds the same weight for every pair of features', () => {
  const F = 5;
  const p = Float32Array.from({ length: pairCount(F) }, (_, q) => q + 1);
  const order = Int32Array.of(3, 0, 4, 1, 2);
  const out = permutePattern(p, F, order);
  for (let a = 0; a < F; a++)
    for (let b = a + 1; b < F; b++)
      assert.equal(out[pairIndex(a, b, F)], p[pairIndex(order[a], order[b], F)]);
});

test('top pairs: largest |w| first, zeros never, restricted to pairs of given features', () => {
  const F = 4;
  const p = new Float32Array(pairCount(F));
  p[pairIndex(0, 1, F)] = 0.2;
  p[pairIndex(1, 2, F)] = -0.9;
  p[pairIndex(2, 3, F)] = 0.5;
  assert.deepEqual(topPairs(p, F, 2), [
    { i: 1, j: 2, w: p[pairIndex(1, 2, F)] },
    { i: 2, j: 3, w: 0.5 },
  ]);
  assert.deepEqual(
    topPairs(p, F, 5, new Set([0])).map((x) => [x.i, x.j]),
    [[0, 1]],
  );
});
