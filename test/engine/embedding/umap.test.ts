// UMAP step: same seed, same map (on one thread or two); separated blobs stay apart and keep their
// neighbours; progress climbs to 1; an abort during the kNN search or the epochs ends every thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeUmap } from '../../../src/engine/embedding/umap';
import { Pool } from '../../../src/engine/parallel/pool';
import { LavaCancelled } from '../../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { blobsInSubspace, bruteKnn, gaussianBlobs } from './knnData';

const params = { ...DEFAULT_PARAMS, umapEpochs: 150 };
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

test('same seed, the same bytes on 1 and 2 threads; another seed, another map', async () => {
  const E = 900;
  const F = 120; // above 100 columns: PCA, NN-descent and re-ranking all run
  const { X } = blobsInSubspace(E, F, 12, 4, 3, 0.3);
  const run = (threads: number, seed = 0) => {
    const pool = new Pool({ threads });
    return computeUmap(X, E, F, { ...params, umapEpochs: 60, seed }, { pool, knn: 'approximate' }).finally(
      () => pool.dispose(),
    );
  };
  const one = await run(1);
  const two = await run(2);
  assert.equal(one.length, E * 2);
  assert.ok(one.every(Number.isFinite));
  assert.ok(bytes(one).equals(bytes(two)), 'one thread and two differ');
  assert.ok(
    bytes(await computeUmap(X, E, F, { ...params, umapEpochs: 60 }, { knn: 'approximate' })).equals(
      bytes(one),
    ),
  );
  assert.ok(!bytes(await run(2, 1)).equals(bytes(one)), 'seed 1 gave the map of seed 0');
});

/** Share of each row's 10 nearest in X that are among its 10 nearest on the map. */
function kept(X: Float64Array, Y: Float64Array, E: number, F: number): number {
  const hi = bruteKnn(X, E, F, 10);
  const lo = bruteKnn(Y, E, 2, 10);
  let n = 0;
  for (let i = 0; i < E; i++) {
    const want = new Set(hi[i].map(([j]) => j));
    for (const [j] of lo[i]) if (want.has(j)) n++;
  }
  return n / (E * 10);
}

/** Rows whose nearest blob centre on the map is their own blob's. */
function separated(Y: Float64Array, blob: Int32Array, blobs: number): number {
  const E = blob.length;
  const c = new Float64Array(2 * blobs);
  const count = new Float64Array(blobs);
  for (let i = 0; i < E; i++) {
    c[2 * blob[i]] += Y[2 * i];
    c[2 * blob[i] + 1] += Y[2 * i + 1];
    count[blob[i]]++;
  }
  for (let b = 0; b < 2 * blobs; b++) c[b] /= count[b >> 1];
  let right = 0;
  for (let i = 0; i < E; i++) {
    let best = 0;
    const d = (b: number) => Math.hypot(Y[2 * i] - c[2 * b], Y[2 * i + 1] - c[2 * b + 1]);
    for (let b = 1; b < blobs; b++) if (d(b) < d(best)) best = b;
    if (best === blob[i]) right++;
  }
  return right / E;
}

test('five separated blobs in 150 columns (approximate kNN): every row lands with its blob, neighbours kept', async () => {
  const E = 1000;
  const F = 150;
  const { X, blob } = blobsInSubspace(E, F, 10, 5, 6, 0.3, 8);
  const fractions: number[] = [];
  const Y = await computeUmap(X, E, F, DEFAULT_PARAMS, {
    knn: 'approximate',
    onProgress: (f) => fractions.push(f),
  });
  assert.equal(separated(Y, blob, 5), 1);
  // umap-learn 0.5.3 (UMAP(): 500 epochs at this size) keeps 0.327 of these rows' 10-NN: within 0.02 of it
  const k = kept(X, Y, E, F);
  assert.ok(k > 0.307, `10-NN kept: ${k}`);
  console.log(`planted blobs: 10-NN kept ${k.toFixed(3)}`);
  assert.equal(fractions.at(-1), 1);
  for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1]);
});

test('three blobs in 10 columns (exact kNN): separated, most 10-NN kept', async () => {
  const E = 300;
  const F = 10;
  const { X, blob } = gaussianBlobs(E, F, 3, 8, 2);
  const Y = await computeUmap(X, E, F, params);
  assert.equal(separated(Y, blob, 3), 1);
  const k = kept(X, Y, E, F);
  assert.ok(k > 0.3, `10-NN kept: ${k}`);
});

test('an abort during the epochs (its own pool) rejects with LavaCancelled and leaves no pool thread running', async () => {
  const E = 4000;
  const F = 120;
  const { X } = blobsInSubspace(E, F, 12, 4, 3, 0.3);
  const ac = new AbortController();
  let last = 0;
  const run = computeUmap(
    X,
    E,
    F,
    { ...params, umapEpochs: 400 },
    {
      knn: 'approximate',
      signal: ac.signal,
      onProgress: (f) => {
        last = f;
        if (f >= 0.5) ac.abort();
      },
    },
  );
  await assert.rejects(run, LavaCancelled);
  assert.ok(last >= 0.5, `aborted at progress ${last}`);
  assert.equal(Pool.threadsAlive, 0);
});

// The work an abort lets through, counted (not timed): the abort fires as the second part of a step's kernel
// returns; after it no part of any kernel may return and no progress be reported, and the run rejects only
// once its threads have exited.
for (const [step, kernel] of [
  ['the kNN search (NN-descent joins)', 'localJoin'],
  ['the fuzzy set', 'fuzzyMembership'],
  ['the epochs', 'umapEpoch'],
] as const)
  for (const threads of [1, 2])
    test(`an abort during ${step} on ${threads} thread(s): no work after it, no thread left`, async () => {
      const E = 4000;
      const F = 120;
      const { X } = blobsInSubspace(E, F, 12, 4, 3, 0.3);
      const ac = new AbortController();
      let seen = 0;
      let partsAfter = 0;
      let progressAfter = 0;
      const pool = new Pool({
        threads,
        onPart: (name) => {
          if (ac.signal.aborted) partsAfter++;
          else if (name === kernel && ++seen === 2) ac.abort();
        },
      });
      try {
        const run = computeUmap(X, E, F, params, {
          pool,
          knn: 'approximate',
          signal: ac.signal,
          onProgress: () => void (ac.signal.aborted && progressAfter++),
        });
        await assert.rejects(run, LavaCancelled);
        assert.equal(seen, 2, `the ${kernel} kernel ran ${seen} parts`);
        assert.equal(partsAfter, 0, 'parts returned after the abort');
        assert.equal(progressAfter, 0, 'progress after the abort');
        assert.equal(pool.liveThreads, 0, 'threads still running when the run rejected');
      } finally {
        await pool.dispose();
      }
    });
