// Weighted k-means: a case worked by hand, the fixed-point property against brute force, determinism, edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightedKmeans } from '../../../src/engine/localities/kmeans';
import { seededUniform } from '../../../src/engine/random';

test('two weighted groups: centroids are the exact weighted means', () => {
  // Group A: (0,0) w=1 and (2,0) w=3 -> (1.5, 0). Group B: (10,10) w=2 and (10,14) w=2 -> (10, 12).
  // Whatever the seeding picks, Lloyd ends there (checked by hand for the worst start, both seeds in A).
  const Z = new Float64Array([0, 0, 10, 10, 2, 0, 10, 14]);
  const w = new Float64Array([1, 2, 3, 2]);
  for (let seed = 0; seed < 20; seed++) {
    const { centroids } = weightedKmeans(Z, 4, 2, w, 2, seededUniform(seed, 5));
    const got = [
      [centroids[0], centroids[1]],
      [centroids[2], centroids[3]],
    ].sort((a, b) => a[0] - b[0]);
    assert.deepEqual(got, [
      [1.5, 0],
      [10, 12],
    ]);
  }
});

function blobs(E: number, d: number, seed: number): { Z: Float64Array; w: Float64Array } {
  const r = seededUniform(seed, 1);
  const Z = new Float64Array(E * d);
  const w = new Float64Array(E);
  for (let i = 0; i < E; i++) {
    const b = Math.floor(r() * 5);
    for (let c = 0; c < d; c++) Z[i * d + c] = b * 3 * (c === 0 ? 1 : 0.5) + (r() + r() + r() - 1.5);
    w[i] = 0.1 + 3 * r() * r();
  }
  return { Z, w };
}

/** Brute-force Lloyd step: each point to its nearest centroid, then weighted means (empty keeps old). */
function bruteStep(
  Z: Float64Array,
  E: number,
  d: number,
  w: Float64Array,
  C: Float64Array,
  k: number,
): Float64Array {
  const sw = new Float64Array(k);
  const sx = new Float64Array(k * d);
  for (let i = 0; i < E; i++) {
    let best = 0;
    let bs = Infinity;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (Z[i * d + c] - C[j * d + c]) ** 2;
      if (s < bs) {
        bs = s;
        best = j;
      }
    }
    sw[best] += w[i];
    for (let c = 0; c < d; c++) sx[best * d + c] += w[i] * Z[i * d + c];
  }
  const out = new Float64Array(k * d);
  for (let j = 0; j < k; j++)
    for (let c = 0; c < d; c++) out[j * d + c] = sw[j] > 0 ? sx[j * d + c] / sw[j] : C[j * d + c];
  return out;
}

for (const d of [2, 3]) {
  test(`converged centroids are a fixed point of the brute-force Lloyd step (d=${d})`, () => {
    const E = 1500;
    const k = 40;
    const { Z, w } = blobs(E, d, 3 + d);
    const { centroids, iterations } = weightedKmeans(Z, E, d, w, k, seededUniform(1, 5), { maxIter: 500 });
    assert.ok(iterations < 500, `did not converge in ${iterations}`);
    const again = bruteStep(Z, E, d, w, centroids, k);
    for (let j = 0; j < k * d; j++)
      assert.ok(Math.abs(again[j] - centroids[j]) <= 1e-7 + 1e-5 * Math.abs(centroids[j]));
  });
}

test('one capped iteration equals a brute-force step from the same seeds', () => {
  const E = 800;
  const d = 2;
  const k = 25;
  const { Z, w } = blobs(E, d, 11);
  const seeds = weightedKmeans(Z, E, d, w, k, seededUniform(4, 5), { maxIter: 0 }).centroids;
  const one = weightedKmeans(Z, E, d, w, k, seededUniform(4, 5), { maxIter: 1 }).centroids;
  const want = bruteStep(Z, E, d, w, seeds, k);
  for (let j = 0; j < k * d; j++) assert.ok(Math.abs(one[j] - want[j]) < 1e-9, `coord ${j}`);
  // Seeds are samples with positive weight.
  for (let j = 0; j < k; j++) {
    let found = false;
    for (let i = 0; i < E && !found; i++)
      found = Z[i * 2] === seeds[j * 2] && Z[i * 2 + 1] === seeds[j * 2 + 1];
    assert.ok(found);
  }
});

test('same seed, same centroids; another seed, other centroids', () => {
  const E = 2000;
  const { Z, w } = blobs(E, 2, 8);
  const a = weightedKmeans(Z, E, 2, w, 30, seededUniform(0, 5)).centroids;
  const b = weightedKmeans(Z, E, 2, w, 30, seededUniform(0, 5)).centroids;
  const c = weightedKmeans(Z, E, 2, w, 30, seededUniform(1, 5)).centroids;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('zero-weight samples are never seeds; more clusters than distinct points keeps every centroid finite', () => {
  const Z = new Float64Array([0, 0, 0, 0, 5, 5, 5, 5, 100, 100]);
  const w = new Float64Array([1, 1, 1, 1, 0]);
  for (let seed = 0; seed < 10; seed++) {
    const { centroids } = weightedKmeans(Z, 5, 2, w, 3, seededUniform(seed, 5));
    for (let j = 0; j < 3; j++) {
      const x = centroids[j * 2];
      assert.ok(x === 0 || x === 5, `centroid ${j} at ${x}`);
    }
  }
});
