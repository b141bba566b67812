// Module matching between two results: the Hungarian assignment where greedy goes wrong, the threshold, and
// patterns compared over the features both results hold (by name, in any order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonFeatures, matchPatternSets, restrictPatterns } from '../../../src/engine/compare/match';
import { pairIndex } from '../../../src/shared/result/pairs';

const F = ['f0', 'f1', 'f2', 'f3'];
const ids = [0, 1, 2];
const all = commonFeatures(F, F);

// B's patterns are unit vectors e0, e1, e2 over the P = 6 pairs; A's rows are unit vectors whose cosines with
// them are (row i, column j): [[0.7, 0.65, 0], [0.65, 0.1, 0], [0, 0, 0.8]]. Greedy takes A0-B0 (0.7) first and
// leaves A1 with B1 (0.1); the best one-to-one assignment is A0-B1 + A1-B0 (1.3 > 0.8).
const B = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
const A = Float32Array.from([
  0.7, 0.65, 0, Math.sqrt(1 - 0.49 - 0.4225), 0, 0,
  0.65, 0.1, 0, Math.sqrt(1 - 0.4225 - 0.01), 0, 0,
  0, 0, 0.8, 0.6, 0, 0,
]);

test('the Hungarian assignment, not the greedy one: A0-B1, A1-B0, A2-B2', () => {
  const r = matchPatternSets({ features: F, patterns: A, ids }, { features: F, patterns: B, ids }, all, 0.5);
  // Highest cosine first; the two 0.65s differ in float32 rounding only, so they are compared by A's id.
  assert.deepEqual([r.matched[0].a, r.matched[0].b], [2, 2]);
  const got = r.matched.map((m) => ({ a: m.a, b: m.b, cosine: Number(m.cosine.toFixed(6)) })).sort((x, y) => x.a - y.a);
  assert.deepEqual(got, [
    { a: 0, b: 1, cosine: 0.65 },
    { a: 1, b: 0, cosine: 0.65 },
    { a: 2, b: 2, cosine: 0.8 },
  ]);
  assert.deepEqual(r.onlyA, []);
  assert.deepEqual(r.onlyB, []);
});

test('pairs below the threshold are left out: at 0.7 only A2-B2 stays, the rest are only in A / only in B', () => {
  const r = matchPatternSets({ features: F, patterns: A, ids: [4, 5, 6] }, { features: F, patterns: B, ids: [7, 8, 9] }, all, 0.7);
  assert.deepEqual(r.matched.map((m) => [m.a, m.b]), [[6, 9]]);
  assert.deepEqual(r.onlyA, [4, 5]);
  assert.deepEqual(r.onlyB, [7, 8]);
});

test('more modules in B than in A: the extra ones are only in B', () => {
  const r = matchPatternSets(
    { features: F, patterns: A.slice(12), ids: [0] },
    { features: F, patterns: B, ids },
    all,
    0.5,
  );
  assert.deepEqual(r.matched.map((m) => [m.a, m.b]), [[0, 2]]);
  assert.deepEqual(r.onlyB, [0, 1]);
});

test('features in another order and one missing on each side: patterns compared over the shared ones', () => {
  // A over f0..f3 with weights on (f0,f1)=1, (f1,f3)=2, (f2,f3)=5; B over [f3, x, f1, f0]: (f2,f3) is not in B.
  const Fb = ['f3', 'x', 'f1', 'f0'];
  const pa = new Float32Array(6);
  pa[pairIndex(0, 1, 4)] = 1;
  pa[pairIndex(1, 3, 4)] = 2;
  pa[pairIndex(2, 3, 4)] = 5;
  const pb = new Float32Array(6);
  pb[pairIndex(3, 2, 4)] = 1; // f0~f1
  pb[pairIndex(2, 0, 4)] = 2; // f1~f3
  pb[pairIndex(1, 0, 4)] = 9; // x~f3: not in A, ignored
  const common = commonFeatures(F, Fb);
  assert.deepEqual(common, { names: ['f0', 'f1', 'f3'], ia: [0, 1, 3], ib: [3, 2, 0] });
  // Over (f0,f1), (f0,f3), (f1,f3): A is (1, 0, 2), B is (1, 0, 2).
  assert.deepEqual(Array.from(restrictPatterns(pa, 1, 4, common.ia)), [1, 0, 2]);
  assert.deepEqual(Array.from(restrictPatterns(pb, 1, 4, common.ib)), [1, 0, 2]);
  const r = matchPatternSets({ features: F, patterns: pa, ids: [0] }, { features: Fb, patterns: pb, ids: [0] }, common, 0.5);
  assert.equal(r.matched.length, 1);
  assert.ok(Math.abs(r.matched[0].cosine - 1) < 1e-6);
});
