// Exact kNN against brute force: random clouds in 2-D and 3-D, with duplicate points and ties on a lattice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  knn,
  knnCancellable,
  nearestToPoints,
  neighbourStats,
  buildKdTree,
} from '../../../src/engine/localities/neighbours';
import { seededUniform } from '../../../src/engine/random';
import { LavaCancelled } from '../../../src/shared/errors';

/** Brute force: sort all candidates by (squared distance, index), the order the engine promises. */
function bruteNearest(
  Z: Float64Array,
  E: number,
  d: number,
  q: Float64Array,
  qOff: number,
  k: number,
  exclude: number,
) {
  const cand: { s: number; j: number }[] = [];
  for (let j = 0; j < E; j++) {
    if (j === exclude) continue;
    let s = 0;
    for (let c = 0; c < d; c++) {
      const g = Z[j * d + c] - q[qOff + c];
      s += g * g;
    }
    cand.push({ s, j });
  }
  cand.sort((a, b) => a.s - b.s || a.j - b.j);
  return cand.slice(0, k);
}

function cloud(E: number, d: number, seed: number, dupEvery = 0, lattice = false): Float64Array {
  const r = seededUniform(seed, 1);
  const Z = new Float64Array(E * d);
  for (let i = 0; i < E; i++) {
    for (let c = 0; c < d; c++) Z[i * d + c] = lattice ? Math.floor(r() * 6) : r() * 10 - 5;
    // Exact duplicates of an earlier point: ties at distance 0 must go to the lower index.
    if (dupEvery > 0 && i > 0 && i % dupEvery === 0) {
      const src = Math.floor(r() * i);
      for (let c = 0; c < d; c++) Z[i * d + c] = Z[src * d + c];
    }
  }
  return Z;
}

for (const [d, E, k, dup, lattice] of [
  [2, 600, 12, 7, false],
  [3, 500, 20, 5, false],
  [2, 400, 15, 0, true],
  [3, 300, 9, 0, true],
  [5, 300, 10, 4, false],
] as const) {
  test(`knn equals brute force (d=${d}, E=${E}, k=${k}, dup=${dup}, lattice=${lattice})`, () => {
    const Z = cloud(E, d, 100 + d + E, dup, lattice);
    const res = knn(Z, E, d, k);
    for (let i = 0; i < E; i++) {
      const want = bruteNearest(Z, E, d, Z, i * d, k, i);
      for (let j = 0; j < k; j++) {
        assert.equal(res.index[i * k + j], want[j].j, `row ${i} rank ${j}`);
        assert.equal(res.dist[i * k + j], Math.sqrt(want[j].s));
      }
    }
    // In-degree and mean distance from the same lists, recounted independently.
    const st = neighbourStats(res, E);
    const indeg = new Int32Array(E);
    for (let i = 0; i < E; i++) for (const w of bruteNearest(Z, E, d, Z, i * d, k, i)) indeg[w.j]++;
    assert.deepEqual(st.inDegree, indeg);
    let total = 0;
    for (let i = 0; i < E; i++) total += st.inDegree[i];
    assert.equal(total, E * k);
    const w0 = bruteNearest(Z, E, d, Z, 0, k, 0);
    assert.ok(Math.abs(st.meanDist[0] - w0.reduce((a, b) => a + Math.sqrt(b.s), 0) / k) < 1e-12);
  });
}

test('nearestToPoints equals brute force, probes off the samples and on them', () => {
  const d = 2;
  const E = 500;
  const Z = cloud(E, d, 7, 6);
  const m = 40;
  const P = new Float64Array(m * d);
  const r = seededUniform(9, 2);
  for (let p = 0; p < m; p++) {
    if (p % 4 === 0) for (let c = 0; c < d; c++) P[p * d + c] = Z[p * 3 * d + c];
    else for (let c = 0; c < d; c++) P[p * d + c] = r() * 12 - 6;
  }
  const k = 25;
  const tree = buildKdTree(Z, E, d, 4);
  const res = nearestToPoints(Z, E, d, P, m, k, tree);
  for (let p = 0; p < m; p++) {
    const want = bruteNearest(Z, E, d, P, p * d, k, -1);
    assert.deepEqual(
      Array.from(res.index.subarray(p * k, p * k + k)),
      want.map((w) => w.j),
    );
  }
});

test('all points identical: neighbours are the lowest other indices', () => {
  const E = 50;
  const Z = new Float64Array(E * 2).fill(1.5);
  const res = knn(Z, E, 2, 5);
  assert.deepEqual(Array.from(res.index.subarray(0, 5)), [1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(res.index.subarray(3 * 5, 4 * 5)), [0, 1, 2, 4, 5]);
  assert.ok(res.dist.every((x) => x === 0));
});

test('k larger than the data is a RangeError', () => {
  assert.throws(() => knn(new Float64Array(6), 3, 2, 3), RangeError);
});

test('knnCancellable gives the same graph as knn and sees an abort while it runs', async () => {
  const E = 30000;
  const r = seededUniform(5, 1);
  const Z = Float64Array.from({ length: E * 2 }, () => r());
  const tree = buildKdTree(Z, E, 2);
  const small = 2000;
  const want = knn(Z.subarray(0, small * 2), small, 2, 15);
  const got = await knnCancellable(Z.subarray(0, small * 2), small, 2, 15, buildKdTree(Z, small, 2));
  assert.deepEqual(got, want);
  // knn over 30,000 points takes well over the 50 ms between yields; the abort (due after 5 ms) lands at one.
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 5);
  await assert.rejects(knnCancellable(Z, E, 2, 60, tree, ac.signal), LavaCancelled);
});
