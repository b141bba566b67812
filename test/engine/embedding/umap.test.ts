// UMAP step: same seed gives the same map; on three separated clusters the map keeps neighbours and clusters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeUmap, exactKnnWithSelf } from '../../../src/engine/embedding/umap';
import { seededUniform } from '../../../src/engine/random';
import { LavaCancelled } from '../../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';

/** Three clusters in 10-D, centres 10 apart; inside each, a 2-D sheet plus small noise in the other 8 dims. */
function clusters(perCluster: number): { X: Float64Array; E: number; F: number; label: Int32Array } {
  const F = 10;
  const E = 3 * perCluster;
  const r = seededUniform(2, 1);
  const X = new Float64Array(E * F);
  const label = new Int32Array(E);
  for (let i = 0; i < E; i++) {
    const c = i % 3;
    label[i] = c;
    const u = r() * 4 - 2;
    const v = r() * 4 - 2;
    for (let f = 0; f < F; f++) {
      const centre = f === c ? 10 : 0;
      const sheet = f === 3 ? u : f === 4 ? v : f === 5 ? 0.5 * u * v : 0;
      X[i * F + f] = centre + sheet + 0.05 * (r() - 0.5);
    }
  }
  return { X, E, F, label };
}

function knnSets(P: Float64Array, E: number, D: number, k: number): Set<number>[] {
  return Array.from({ length: E }, (_, i) => {
    const all = [];
    for (let j = 0; j < E; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < D; c++) s += (P[i * D + c] - P[j * D + c]) ** 2;
      all.push({ j, s });
    }
    all.sort((a, b) => a.s - b.s || a.j - b.j);
    return new Set(all.slice(0, k).map((a) => a.j));
  });
}

const params = { ...DEFAULT_PARAMS, umapEpochs: 150 };

test('same seed, identical coordinates; another seed, another map', async () => {
  const { X, E, F } = clusters(40);
  const a = await computeUmap(X, E, F, { ...params, umapEpochs: 40 });
  const b = await computeUmap(X, E, F, { ...params, umapEpochs: 40 });
  assert.equal(a.length, E * 2);
  assert.ok(a.every(Number.isFinite));
  assert.deepEqual(a, b);
  const c = await computeUmap(X, E, F, { ...params, umapEpochs: 40, seed: 1 });
  assert.notDeepEqual(a, c);
});

test('three separated clusters: most 10-NN kept and the clusters apart in 2-D', async () => {
  const { X, E, F, label } = clusters(100);
  const fractions: number[] = [];
  const Y = await computeUmap(X, E, F, params, { onProgress: (f) => fractions.push(f) });
  const hi = knnSets(X, E, F, 10);
  const lo = knnSets(Y, E, 2, 10);
  let kept = 0;
  for (let i = 0; i < E; i++) for (const j of lo[i]) if (hi[i].has(j)) kept++;
  const preserved = kept / (E * 10);
  assert.ok(preserved > 0.5, `10-NN preserved: ${preserved}`);
  console.log(`10-NN preserved: ${preserved.toFixed(3)}`);
  // Separated: every point's 2-D nearest cluster centre is its own cluster's.
  const cx = new Float64Array(3);
  const cy = new Float64Array(3);
  for (let i = 0; i < E; i++) {
    cx[label[i]] += Y[2 * i] / (E / 3);
    cy[label[i]] += Y[2 * i + 1] / (E / 3);
  }
  let right = 0;
  for (let i = 0; i < E; i++) {
    let best = 0;
    for (let c = 1; c < 3; c++)
      if (
        Math.hypot(Y[2 * i] - cx[c], Y[2 * i + 1] - cy[c]) <
        Math.hypot(Y[2 * i] - cx[best], Y[2 * i + 1] - cy[best])
      )
        best = c;
    if (best === label[i]) right++;
  }
  assert.equal(right, E);
  assert.equal(fractions.at(-1), 1);
  for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1]);
});

test('exact kNN for umap-js: self first, then the nearest others by brute force', async () => {
  const { X, E, F } = clusters(20);
  const { indices, distances } = await exactKnnWithSelf(X, E, F, 6);
  const sets = knnSets(X, E, F, 5);
  for (let i = 0; i < E; i++) {
    assert.equal(indices[i][0], i);
    assert.equal(distances[i][0], 0);
    assert.deepEqual(new Set(indices[i].slice(1)), sets[i]);
    for (let t = 1; t < 6; t++) assert.ok(distances[i][t] >= distances[i][t - 1]);
  }
});

test('an abort during the epochs rejects with LavaCancelled', async () => {
  const { X, E, F } = clusters(40);
  const ac = new AbortController();
  let last = 0;
  // Abort once the epochs have started (progress beyond the kNN and set-up shares).
  const run = computeUmap(X, E, F, params, {
    signal: ac.signal,
    onProgress: (f) => {
      last = f;
      if (f > 0.3) ac.abort();
    },
  });
  await assert.rejects(run, LavaCancelled);
  assert.ok(last > 0.3);
});
