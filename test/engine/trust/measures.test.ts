// The trust measures on tiny hand-made cases: strength, r where active, module matching, subsamples, Moran's I, names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleStrength } from '../../../src/engine/trust/strength';
import { moduleSupport } from '../../../src/engine/trust/support';
import { correlationWhereActive } from '../../../src/engine/trust/units';
import { matchModules, patternCosines } from '../../../src/engine/trust/match';
import { localitySubsamples, rowSubset } from '../../../src/engine/trust/resample';
import { dominantCategory, moduleName, topFeatures } from '../../../src/engine/trust/names';
import { moransI } from '../../../bench/trust/moran';
import type { SignSplit } from '../../../src/engine/factorize/sparse';

test('strength: each module\'s share of <A, W H>, by hand', () => {
  // W = [[1, 0], [0, 2]], H = [[1, 1, 0], [0, 0, 1]]: A = W H = [[1, 1, 0], [0, 0, 2]]
  const a = { rows: 2, rowPtr: Int32Array.from([0, 2, 3]), col: Int32Array.from([0, 1, 2]), val: Float64Array.from([1, 1, 2]) };
  const W = Float64Array.from([1, 0, 0, 2]);
  const Ht = Float64Array.from([1, 0, 1, 0, 0, 1]);
  // <A, w1 h1> = 1 + 1 = 2; <A, w2 h2> = 2 * 2 = 4
  assert.deepEqual(Array.from(moduleStrength(a, W, Ht, 2)), [2 / 6, 4 / 6]);
  assert.deepEqual(Array.from(moduleStrength(a, new Float64Array(4), Ht, 2)), [0, 0]);
});

test('r where active: the mean over active localities of each pair\'s raw Pearson r, by hand', () => {
  // 6 rows, 3 features; locality 0 = rows 0-2, locality 1 = rows 3-5
  const f0 = [1, 2, 3, 1, 2, 3];
  const f1 = [2, 4, 7, 3, 2, 1];
  const f2 = [5, 1, 4, 2, 2, 9];
  const X = Float64Array.from({ length: 18 }, (_, z) => [f0, f1, f2][z % 3][Math.floor(z / 3)]);
  const members = Int32Array.from([0, 1, 2, 3, 4, 5]);
  // pattern over pairs (0,1), (0,2), (1,2): only (0,1), weight 0.5
  const support = moduleSupport(Float32Array.from([0.5, 0, 0]), 10, X, 6, 3);
  assert.deepEqual(Array.from(support.features), [0, 1]);
  // locality 0: dx = (-1, 0, 1), dy = (-7/3, -1/3, 8/3): r = 5 / sqrt(2 * 114/9); locality 1: r = -1
  const r0 = 5 / Math.sqrt((2 * 114) / 9);
  const one = correlationWhereActive(support, [0], members, 3, false);
  assert.ok(Math.abs(one.pairs[0] - r0) < 1e-12);
  assert.ok(Math.abs(one.pattern - r0) < 1e-12);
  const both = correlationWhereActive(support, [0, 1], members, 3, false);
  assert.ok(Math.abs(both.pairs[0] - (r0 - 1) / 2) < 1e-12);
  // Spearman: ranks of f1 in locality 0 are 1, 2, 3, so r = 1 there
  assert.ok(Math.abs(correlationWhereActive(support, [0], members, 3, true).pairs[0] - 1) < 1e-12);
});

test('matching: one to one by the largest summed cosine, not greedily', () => {
  const P = 3;
  const a = Float32Array.from([1, 1, 0, 1, 0, 0]); // a0 = (1,1,0), a1 = (1,0,0)
  const b = Float32Array.from([1, 0, 0, 0, 1, 0]); // b0 = (1,0,0), b1 = (0,1,0)
  const cos = patternCosines(a, 2, b, 2, P);
  // greedy would give a0 -> b0 (0.707) and leave a1 -> b1 (0); the best is a0 -> b1, a1 -> b0
  const { cosine, to } = matchModules(cos, 2, 2);
  assert.deepEqual(Array.from(to), [1, 0]);
  assert.ok(Math.abs(cosine[0] - Math.SQRT1_2) < 1e-6 && Math.abs(cosine[1] - 1) < 1e-6);
  // more modules than the other side has: one is left unmatched at 0
  const three = matchModules(patternCosines(Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3, b, 2, P), 3, 2);
  assert.deepEqual(Array.from(three.to), [0, 1, -1]);
  assert.deepEqual(Array.from(three.cosine), [1, 1, 0]);
});

test('subsamples: distinct ascending localities, the same for the same seed; rowSubset keeps the columns', () => {
  const subs = localitySubsamples(10, 0.5, 3, 7);
  assert.equal(subs.length, 3);
  for (const s of subs) {
    assert.equal(s.length, 5);
    for (let i = 1; i < s.length; i++) assert.ok(s[i] > s[i - 1]);
  }
  assert.deepEqual(localitySubsamples(10, 0.5, 3, 7), subs);
  assert.notDeepEqual(localitySubsamples(10, 0.5, 3, 8), subs);
  const a: SignSplit = {
    rows: 3, cols: 2, P: 1, colOf: Int32Array.from([0, 1]),
    rowPtr: Int32Array.from([0, 1, 3, 4]), col: Int32Array.from([0, 0, 1, 1]), val: Float64Array.from([1, 2, 3, 4]),
  };
  const sub = rowSubset(a, Int32Array.from([0, 2]));
  assert.equal(sub.cols, 2);
  assert.deepEqual(Array.from(sub.rowPtr), [0, 1, 2]);
  assert.deepEqual(Array.from(sub.col), [0, 1]);
  assert.deepEqual(Array.from(sub.val), [1, 4]);
});

test("Moran's I agrees with shared/bench/moran.py on a 5 x 5 map", () => {
  // numpy: rng = default_rng(0); img = rng.random((5, 5)); img[1:3, 1:4] += 3; moran(img) = 0.49916308727064584
  const img = Float64Array.from([
    0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094, 0.8132702392002724,
    0.9127555772777217, 3.60663577576718, 3.7294965609839985, 3.543624991465423, 0.9350724237877682,
    0.8158535541215322, 3.002738500170148, 3.8574042765875696, 3.033585575305464, 0.7296554464299441,
    0.17565562060255901, 0.8631789223498866, 0.5414612202490917, 0.2997118905373848, 0.42268722119765845,
    0.028319671145462966, 0.12428327649956394, 0.6706244146936303, 0.6471895115742501, 0.6153851114812539,
  ]);
  assert.ok(Math.abs(moransI(img, 5) - 0.49916308727064584) < 1e-12);
});

test('names: top features skip the near-constant; the category named is the enriched one', () => {
  // 10 rows x 3 features: f0 heaviest but 0 in 9 of 10 active rows; f1, f2 vary
  const X = Float64Array.from({ length: 30 }, (_, z) => {
    const [r, f] = [Math.floor(z / 3), z % 3];
    return f === 0 ? (r === 0 ? 5 : 0) : f === 1 ? r : r * r;
  });
  const rows = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(topFeatures([3, 2, 1], X, 3, rows, 2), [1, 2]);
  assert.deepEqual(topFeatures([3, 0, 0], X, 3, rows, 2), [0]); // nothing else: the heaviest after all
  const label = { name: 'label', kind: 'text' as const, values: ['a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'b'] };
  // active rows 0-3: 75% a (30% overall); b is 25% here, 70% overall: not enriched
  const c = dominantCategory([label], [0, 1, 2, 3], 10);
  assert.deepEqual(c, { column: 'label', value: 'a', share: 0.75, base: 0.3 });
  assert.equal(dominantCategory([label], [3, 4, 5, 6], 10), null); // all b: 100% vs 70% overall, lift < 1.5
  assert.equal(moduleName(['p', 'q', 'r'], [1, 2], c, new Set()), 'q, r \u00b7 75% a');
  assert.equal(moduleName(['p', 'q', 'r'], [1], { ...c, column: 'digit', value: '7' }, new Set(['digit'])), 'q \u00b7 75% digit 7');
});
