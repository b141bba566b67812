// Step 1: buildLocalities checked against brute-force recounts, determinism, 3-D, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLocalities } from '../../../src/engine/localities/localities';
import { seededUniform } from '../../../src/engine/random';
import { LavaCancelled } from '../../../src/shared/errors';

function twoBlobs(E: number): Float64Array {
  const r = seededUniform(3, 1);
  const Z = new Float64Array(E * 2);
  for (let i = 0; i < E; i++) {
    const b = i % 3 === 0 ? 1 : 0;
    const s = b ? 0.4 : 1.2;
    Z[2 * i] = b * 8 + s * (r() + r() + r() - 1.5);
    Z[2 * i + 1] = s * (r() + r() + r() - 1.5);
  }
  // A few exact duplicates: d̄ stays finite and ties resolve by index.
  for (let i = 10; i < 20; i++) {
    Z[2 * i] = Z[0];
    Z[2 * i + 1] = Z[1];
  }
  return Z;
}

const params = {
  neighbors: 20,
  overlap: 3,
  seed: 0,
  directEvaluations: 15,
  directBounds: [-2, 2] as [number, number],
};

test('localities: n nearest of each probe, in-degree and J recomputed by brute force', async () => {
  const E = 400;
  const Z = twoBlobs(E);
  const fractions: number[] = [];
  const loc = await buildLocalities(Z, E, 2, params, { onProgress: (f) => fractions.push(f) });
  const n = params.neighbors;
  assert.equal(loc.count, Math.ceil((E * 3) / n));
  assert.equal(loc.size, n);
  assert.equal(loc.probes.length, loc.count * 2);
  assert.equal(loc.members.length, loc.count * n);
  assert.ok(loc.evaluations >= 1 && loc.evaluations <= params.directEvaluations);
  assert.ok(Math.abs(loc.alpha) <= 2 && Math.abs(loc.beta) <= 2);
  // Members: the n samples nearest each probe, nearest first, ties by index.
  for (let p = 0; p < loc.count; p++) {
    const px = loc.probes[2 * p];
    const py = loc.probes[2 * p + 1];
    const all = Array.from({ length: E }, (_, j) => ({
      j,
      s: (Z[2 * j] - px) ** 2 + (Z[2 * j + 1] - py) ** 2,
    }));
    all.sort((a, b) => a.s - b.s || a.j - b.j);
    assert.deepEqual(
      Array.from(loc.members.subarray(p * n, (p + 1) * n)),
      all.slice(0, n).map((c) => c.j),
    );
  }
  // In-degree from a brute-force n-NN graph.
  const indeg = new Int32Array(E);
  for (let i = 0; i < E; i++) {
    const all = [];
    for (let j = 0; j < E; j++)
      if (j !== i) all.push({ j, s: (Z[2 * j] - Z[2 * i]) ** 2 + (Z[2 * j + 1] - Z[2 * i + 1]) ** 2 });
    all.sort((a, b) => a.s - b.s || a.j - b.j);
    for (const c of all.slice(0, n)) indeg[c.j]++;
  }
  assert.deepEqual(loc.inDegree, indeg);
  // J from the returned members and in-degree.
  const cover = new Float64Array(E);
  for (const m of loc.members) cover[m]++;
  let J = 0;
  for (let i = 0; i < E; i++) J += (cover[i] / (loc.count * n) - indeg[i] / (E * n)) ** 2;
  assert.ok(Math.abs(J - loc.objective) < 1e-15);
  // Progress rises to 1.
  for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1]);
  assert.equal(fractions.length, loc.evaluations + 2);
  assert.equal(fractions.at(-1), 1);
});

test('localities are deterministic: same seed, same probes and members', async () => {
  const E = 300;
  const Z = twoBlobs(E);
  const a = await buildLocalities(Z, E, 2, params);
  const b = await buildLocalities(Z, E, 2, params);
  assert.deepEqual(a.probes, b.probes);
  assert.deepEqual(a.members, b.members);
  assert.equal(a.objective, b.objective);
  const c = await buildLocalities(Z, E, 2, { ...params, seed: 5 });
  assert.notDeepEqual(a.probes, c.probes);
});

test('localities in 3-D embeddings work the same way', async () => {
  const E = 240;
  const r = seededUniform(8, 1);
  const Z = new Float64Array(E * 3).map(() => r() * 4);
  const loc = await buildLocalities(Z, E, 3, { ...params, directEvaluations: 9 });
  assert.equal(loc.probes.length, loc.count * 3);
  assert.ok(loc.members.every((m) => m >= 0 && m < E));
});

test('an abort between evaluations rejects with LavaCancelled', async () => {
  const E = 300;
  const Z = twoBlobs(E);
  const ac = new AbortController();
  let seen = 0;
  const run = buildLocalities(Z, E, 2, params, {
    signal: ac.signal,
    onProgress: () => {
      if (++seen === 3) ac.abort();
    },
  });
  await assert.rejects(run, LavaCancelled);
  assert.equal(seen, 3);
});

test('extreme exponents on a small map: the weights are rescaled, not overflowed into one repeated probe', async () => {
  // d̄ ≈ 1e-5 here, so at beta = 99.5 each weight is about e^1100: it overflowed to Infinity, k-means++ drew the
  // same point again and again, and every locality was the same one.
  const E = 400;
  const Z = twoBlobs(E).map((v) => v * 1e-4);
  const box = { ...params, directBounds: [99, 100] as [number, number], directEvaluations: 5 };
  const loc = await buildLocalities(Z, E, 2, box);
  assert.ok(loc.probes.every(Number.isFinite));
  const distinct = new Set(
    Array.from({ length: loc.count }, (_, l) => `${loc.probes[2 * l]},${loc.probes[2 * l + 1]}`),
  );
  assert.ok(distinct.size > loc.count / 2, `${distinct.size} distinct probes of ${loc.count}`);
  // k-means ignores a common scale of the weights, so the chosen exponents are those of the unscaled map.
  const big = await buildLocalities(twoBlobs(E), E, 2, box);
  assert.deepEqual([loc.alpha, loc.beta], [big.alpha, big.beta]);
});
