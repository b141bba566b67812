// Step 2 checked against direct formulas: Pearson/Spearman per locality, constant features, the threshold applied, pair indexing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageRanks, gramUpper } from '../../../src/engine/correlations/correlation';
import { localityCorrelations } from '../../../src/engine/correlations/localityCorrelations';
import { fisherThreshold } from '../../../src/engine/correlations/fisher';
import { seededUniform } from '../../../src/engine/random';
import type { Localities } from '../../../src/engine/types';
import { pairIndex, pairOf } from '../../../src/shared/result/pairs';
import { pearson } from './pearsonReference';

function makeLoc(members: number[][], n: number): Localities {
  return {
    count: members.length,
    size: n,
    probes: new Float64Array(members.length * 2),
    members: Int32Array.from(members.flat()),
    alpha: 0,
    beta: 0,
    objective: 0,
    evaluations: 0,
    inDegree: new Int32Array(0),
  };
}

test('pairIndex and pairOf are inverse, row-major upper triangle', () => {
  for (const F of [2, 3, 7, 60, 784]) {
    let q = 0;
    for (let i = 0; i < F; i++) {
      for (let j = i + 1; j < F; j++, q++) {
        if (F === 784 && q % 97 !== 0) continue;
        assert.equal(pairIndex(i, j, F), q);
        assert.deepEqual(pairOf(q, F), [i, j]);
      }
    }
    if (F !== 784) assert.equal(q, (F * (F - 1)) / 2);
  }
});

test('gramUpper equals the naive product, every remainder of F mod 4', () => {
  const rnd = seededUniform(3);
  for (const F of [1, 4, 5, 6, 7, 13]) {
    const n = 9;
    const yT = Float64Array.from({ length: F * n }, () => rnd() - 0.5);
    const out = new Float64Array(F * F);
    gramUpper(yT, F, n, out);
    for (let i = 0; i < F; i++)
      for (let j = i + 1; j < F; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += yT[i * n + k] * yT[j * n + k];
        assert.ok(Math.abs(out[i * F + j] - s) < 1e-14, `F=${F} (${i},${j})`);
      }
  }
});

test('Pearson per locality equals the two-pass formula; threshold and CSR layout', async () => {
  const rnd = seededUniform(7);
  const E = 60;
  const F = 7;
  const X = new Float64Array(E * F);
  for (let e = 0; e < E; e++) {
    const u = rnd() - 0.5;
    for (let f = 0; f < F; f++) X[e * F + f] = (f < 3 ? u * (f + 1) : 0) + (rnd() - 0.5) * (f + 1) + 10 * f;
  }
  const members = [
    Array.from({ length: 25 }, (_, i) => i),
    Array.from({ length: 25 }, (_, i) => 59 - 2 * i),
    Array.from({ length: 25 }, (_, i) => (i * 7) % 60),
  ];
  const loc = makeLoc(members, 25);
  const alpha = 0.05;
  const res = await localityCorrelations(X, E, F, loc, { correlation: 'pearson', alpha });
  const t = fisherThreshold(alpha, 25);
  assert.equal(res.threshold, t);
  assert.equal(res.P, 21);
  assert.equal(res.count, 3);
  let kept = 0;
  for (let p = 0; p < 3; p++) {
    const dense: Float64Array = new Float64Array(res.P);
    for (let z = res.rowPtr[p]; z < res.rowPtr[p + 1]; z++) dense[res.pairIndex[z]] = res.value[z];
    for (let i = 0; i < F; i++)
      for (let j = i + 1; j < F; j++) {
        const r = pearson(X, F, members[p], i, j);
        const got: number = dense[pairIndex(i, j, F)];
        if (Math.abs(r) >= t) {
          kept++;
          assert.ok(Math.abs(got - r) < 1e-6, `loc ${p} (${i},${j}) ${got} vs ${r}`);
        } else assert.equal(got, 0);
      }
  }
  assert.ok(kept >= 3, 'the planted correlations among features 0..2 pass the threshold');
  assert.equal(res.rowPtr[3], res.value.length);
  assert.ok(res.undefinedFeature.every((u) => u === 0));
});

test('a feature constant inside a locality gives zeros and is flagged there only', async () => {
  const E = 8;
  const F = 3;
  // feature 1 is 5 on rows 0..3 and varies on rows 4..7; features 0 and 2 are perfectly correlated
  const X = Float64Array.from([1, 5, 2, 2, 5, 4, 3, 5, 6, 4, 5, 8, 5, 1, 10, 6, 9, 12, 7, 2, 14, 8, 7, 16]);
  const loc = makeLoc(
    [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ],
    4,
  );
  const res = await localityCorrelations(X, E, F, loc, { correlation: 'pearson', alpha: 0.9 });
  assert.deepEqual([...res.undefinedFeature], [0, 1, 0, 0, 0, 0]);
  const row0 = new Map<number, number>();
  for (let z = res.rowPtr[0]; z < res.rowPtr[1]; z++) row0.set(res.pairIndex[z], res.value[z]);
  assert.equal(row0.get(pairIndex(0, 2, 3)), 1);
  assert.equal(row0.has(pairIndex(0, 1, 3)), false);
  assert.equal(row0.has(pairIndex(1, 2, 3)), false);
  for (const v of res.value) assert.ok(Number.isFinite(v));
});

test('average ranks with ties', () => {
  const v = Float64Array.from([10, 20, 10, 30, 20, 20]);
  const out = new Float64Array(6);
  averageRanks(v, 6, out, new Int32Array(6));
  // sorted: 10,10 -> ranks 1,2 -> 1.5 ; 20,20,20 -> 3,4,5 -> 4 ; 30 -> 6
  assert.deepEqual([...out], [1.5, 4, 1.5, 6, 4, 4]);
});

test('Spearman with ties equals a hand-worked value', async () => {
  // x = 1,2,2,3,4 -> ranks 1, 2.5, 2.5, 4, 5 ; y = 10,30,20,20,50 -> ranks 1, 4, 2.5, 2.5, 5
  // centred: dx = -2,-0.5,-0.5,1,2 ; dy = -2,1,-0.5,-0.5,2
  // sum dx dy = 4 - 0.5 + 0.25 - 0.5 + 4 = 7.25 ; sum dx^2 = 9.5 ; sum dy^2 = 9.5 -> rho = 7.25/9.5
  const X = Float64Array.from([1, 10, 2, 30, 2, 20, 3, 20, 4, 50]);
  const loc = makeLoc([[0, 1, 2, 3, 4]], 5);
  const res = await localityCorrelations(X, 5, 2, loc, { correlation: 'spearman', alpha: 0.999 });
  assert.equal(res.value.length, 1);
  assert.ok(Math.abs(res.value[0] - 7.25 / 9.5) < 1e-6, `${res.value[0]}`);
  // Spearman is invariant to monotone transforms: same value after exp of one feature
  const X2 = Float64Array.from([
    1,
    Math.exp(10),
    2,
    Math.exp(30),
    2,
    Math.exp(20),
    3,
    Math.exp(20),
    4,
    Math.exp(50),
  ]);
  const res2 = await localityCorrelations(X2, 5, 2, loc, { correlation: 'spearman', alpha: 0.999 });
  assert.equal(res2.value[0], res.value[0]);
});

test('cancellation: an aborted signal stops the run', async () => {
  const ac = new AbortController();
  ac.abort();
  const loc = makeLoc([[0, 1, 2, 3]], 4);
  await assert.rejects(
    localityCorrelations(
      new Float64Array(8),
      4,
      2,
      loc,
      { correlation: 'pearson', alpha: 0.1 },
      { signal: ac.signal },
    ),
    { name: 'LavaCancelled' },
  );
});

test('features constant in some localities are skipped without shifting the other pairs', async () => {
  const rnd = seededUniform(12);
  const E = 40;
  const F = 11;
  const X = new Float64Array(E * F);
  for (let e = 0; e < E; e++) {
    const u = rnd() - 0.5;
    for (let f = 0; f < F; f++) X[e * F + f] = u * (f % 3) + 0.3 * (rnd() - 0.5);
  }
  // In rows 0..19 features 0, 4 and 10 are constant (first, middle, last).
  for (let e = 0; e < 20; e++) for (const f of [0, 4, 10]) X[e * F + f] = 7;
  const members = [Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 20 }, (_, i) => 20 + i)];
  const res = await localityCorrelations(X, E, F, makeLoc(members, 20), {
    correlation: 'pearson',
    alpha: 0.2,
  });
  const t = res.threshold;
  for (let p = 0; p < 2; p++) {
    const dense: Float64Array = new Float64Array(res.P);
    for (let z = res.rowPtr[p]; z < res.rowPtr[p + 1]; z++) dense[res.pairIndex[z]] = res.value[z];
    for (let i = 0; i < F; i++)
      for (let j = i + 1; j < F; j++) {
        const constant = p === 0 && [0, 4, 10].some((f) => f === i || f === j);
        const r = constant ? 0 : pearson(X, F, members[p], i, j);
        const want = Math.abs(r) >= t ? r : 0;
        assert.ok(Math.abs(dense[pairIndex(i, j, F)] - want) < 1e-6, `loc ${p} (${i},${j})`);
      }
    assert.deepEqual(
      [...res.undefinedFeature.subarray(p * F, (p + 1) * F)]
        .map((u, f) => (u ? f : -1))
        .filter((f) => f >= 0),
      p === 0 ? [0, 4, 10] : [],
    );
  }
  assert.ok(res.value.length > 20);
});
