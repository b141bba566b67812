// UMAP's kNN graph: the exact search against brute force, the approximate one's recall against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approximateKnn, exactKnn } from '../../../src/engine/embedding/knn';
import { Pool } from '../../../src/engine/parallel/pool';
import { toShared } from '../../../src/engine/parallel/shared';
import { blobsInSubspace, bruteKnn, gaussianBlobs } from './knnData';

const pool = new Pool({ threads: 1 });

test('exact kNN: self first at 0, then the brute-force nearest in order, with their distances', async () => {
  const E = 300;
  const F = 7;
  const { X } = gaussianBlobs(E, F, 4, 3);
  const g = await exactKnn(toShared(Float32Array, X), E, F, 6, pool);
  const want = bruteKnn(X, E, F, 5);
  for (let i = 0; i < E; i++) {
    assert.equal(g.idx[i * 6], i);
    assert.equal(g.dist[i * 6], 0);
    for (let t = 0; t < 5; t++) {
      assert.equal(g.idx[i * 6 + 1 + t], want[i][t][0], `row ${i}, neighbour ${t}`);
      assert.ok(Math.abs(g.dist[i * 6 + 1 + t] - want[i][t][1]) < 1e-9);
    }
  }
});

/** Share of the brute-force k - 1 nearest that the graph found. */
function recall(g: { idx: Int32Array; k: number }, want: [number, number][][]): number {
  let hit = 0;
  want.forEach((row, i) => {
    const found = new Set(g.idx.subarray(i * g.k + 1, (i + 1) * g.k));
    for (const [j] of row) if (found.has(j)) hit++;
  });
  return hit / (want.length * want[0].length);
}

test('approximate kNN with PCA (200 columns, most variance in 40 directions): recall of the 14 nearest at least 0.9', async () => {
  const E = 1500;
  const F = 200;
  const { X } = blobsInSubspace(E, F, 40, 6, 2, 0.3);
  const { graph, pca } = await approximateKnn(toShared(Float32Array, X), E, F, 15, pool, 0);
  assert.equal(pca.m, 50);
  const want = bruteKnn(X, E, F, 14);
  const r = recall(graph, want);
  assert.ok(r >= 0.9, `recall ${r}`);
  for (let i = 0; i < E; i++) {
    assert.equal(graph.idx[i * 15], i);
    for (let t = 2; t < 15; t++) assert.ok(graph.dist[i * 15 + t] >= graph.dist[i * 15 + t - 1]);
    // each distance is the exact one to the neighbour it names
    const j = graph.idx[i * 15 + 1];
    let s = 0;
    for (let f = 0; f < F; f++) s += (X[i * F + f] - X[j * F + f]) ** 2;
    assert.ok(Math.abs(graph.dist[i * 15 + 1] - Math.sqrt(s)) < 1e-9);
  }
  console.log(`approximate recall (PCA 50 of 200): ${r.toFixed(4)}`);
});

test('approximate kNN without PCA (80 columns): NN-descent alone, recall at least 0.97', async () => {
  const E = 1500;
  const F = 80;
  const { X } = gaussianBlobs(E, F, 6, 2);
  const { graph, pca } = await approximateKnn(toShared(Float32Array, X), E, F, 15, pool, 0);
  assert.equal(pca.m, 80);
  const r = recall(graph, bruteKnn(X, E, F, 14));
  assert.ok(r >= 0.97, `recall ${r}`);
  console.log(`approximate recall (NN-descent, 80 columns): ${r.toFixed(4)}`);
});
