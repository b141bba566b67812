// Module summaries on a tiny hand-made case: ordering, activity averaging, feature weights, pairs, patterns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strongestPairs, summarizeModules } from '../../src/engine/modules';
import type { Factorization, Localities, LocalityCorrelations } from '../../src/engine/types';

test('strongestPairs: by |h| descending, ties by index, zeros never', () => {
  const h = Float32Array.from([0, -3, 1, 3, 0, -0.5, 2]);
  assert.deepEqual([...strongestPairs(h, 10)], [1, 3, 6, 2, 5]);
  assert.deepEqual([...strongestPairs(h, 2)], [1, 3]);
  assert.deepEqual([...strongestPairs(new Float32Array(4), 3)], []);
});

test('summarizeModules on a hand-made case', () => {
  const E = 5;
  const F = 3; // pairs: q0 = (a,b), q1 = (a,c), q2 = (b,c)
  const loc: Localities = {
    count: 3,
    size: 2,
    probes: new Float64Array(6),
    members: Int32Array.from([0, 1, 1, 2, 3, 1]), // sample 4 is in no locality
    alpha: 0,
    beta: 0,
    objective: 0,
    evaluations: 0,
    inDegree: new Int32Array(E),
  };
  const corr = { F, P: 3, count: 3 } as LocalityCorrelations;
  const fac: Factorization = {
    k: 2,
    // factor 0 loadings 1, 3, 0 (total 4); factor 1 loadings 0, 2.5, 2 (total 4.5): factor 1 comes first
    W: Float64Array.from([1, 0, 3, 2.5, 0, 2]),
    patterns: Float32Array.from([0.5, -0.25, 0, 0, 0, -1]),
    iterations: 1,
    error: 0,
  };
  const mods = summarizeModules(fac, corr, loc, E, ['a', 'b', 'c']);
  assert.equal(mods.length, 2);
  const [m0, m1] = mods;
  assert.deepEqual([m0.id, m1.id], [0, 1]);
  // module 0 is factor 1
  assert.equal(m0.name, 'b~c \u2212');
  assert.deepEqual(m0.pairs, [{ a: 'b', b: 'c', r: -1 }]);
  // sample 0: locality 0 -> 0 ; sample 1: localities 0,1,2 -> (0+2.5+2)/3 = 1.5 ; sample 2: loc 1 -> 2.5 ; sample 3: loc 2 -> 2 ; sample 4: none -> 0
  assert.deepEqual(m0.activity, Float32Array.from([0, 1.5, 2.5, 2, 0]));
  assert.deepEqual(m0.loadings, Float32Array.from([0, 2.5, 2]));
  assert.deepEqual(m0.featureWeights, [0, 1, 1]);
  assert.equal(m0.localityCount, 2); // 2.5 and 2 are >= 1.25
  assert.deepEqual([...m0.pattern], [0, 0, -1]);
  // module 1 is factor 0: activity 1, (1+3+0)/3, 3, 0, 0 (as Float32)
  assert.equal(m1.name, 'a~b +, a~c \u2212');
  assert.deepEqual(m1.pairs, [
    { a: 'a', b: 'b', r: 0.5 },
    { a: 'a', b: 'c', r: -0.25 },
  ]);
  assert.deepEqual(m1.activity, Float32Array.from([1, 4 / 3, 3, 0, 0]));
  assert.deepEqual(m1.featureWeights, [0.75, 0.5, 0.25]);
  assert.equal(m1.localityCount, 1); // only 3 >= 1.5
  assert.deepEqual([...m1.pattern], [0.5, -0.25, 0]);
});
