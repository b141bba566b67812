// The engine's worker pool: the same bytes on one thread or two, threads really used and really ended,
// arguments checked in the thread, and an abort that stops the work and frees every thread.
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approximateKnn, exactKnn } from '../../../src/engine/embedding/knn';
import { fitPca, projectRows } from '../../../src/engine/embedding/pca';
import { Pool } from '../../../src/engine/parallel/pool';
import { sharedArray, toShared } from '../../../src/engine/parallel/shared';
import { LavaCancelled } from '../../../src/shared/errors';
import { blobsInSubspace } from '../embedding/knnData';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

async function withPool<T>(threads: number, f: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ threads });
  try {
    return await f(pool);
  } finally {
    await pool.dispose();
  }
}

test('PCA (partial sums reduced in part order) and approximate kNN: the same bytes on 1 and 2 threads', async () => {
  const E = 1200;
  const F = 120;
  const { X } = blobsInSubspace(E, F, 20, 5, 2, 0.3);
  const x = toShared(Float32Array, X);
  const run = (threads: number) =>
    withPool(threads, async (pool) => {
      const pca = await fitPca(x, E, F, 10, pool);
      const P = await projectRows(x, E, pca, pool);
      const { graph } = await approximateKnn(x, E, F, 15, pool, 4);
      assert.equal(pool.liveThreads, threads === 1 ? 0 : 2);
      return [pca.basis, pca.variance, P, graph.idx, graph.dist];
    });
  const one = await run(1);
  const two = await run(2);
  one.forEach((a, t) => assert.ok(bytes(a).equals(bytes(two[t])), `output ${t} differs`));
});

test('a pool runs again after dispose, on new threads, and every thread has ended when dispose resolves', async () => {
  const pool = new Pool({ threads: 2 });
  const { X } = blobsInSubspace(400, 6, 6, 3, 2, 0);
  const x = toShared(Float32Array, X);
  const a = await exactKnn(x, 400, 6, 5, pool);
  assert.equal(pool.liveThreads, 2);
  await pool.dispose();
  assert.equal(pool.liveThreads, 0);
  const b = await exactKnn(x, 400, 6, 5, pool);
  assert.ok(bytes(a.idx).equals(bytes(b.idx)));
  await pool.dispose();
  assert.equal(pool.liveThreads, 0);
});

test('threads start from the TypeScript sources whatever the working directory (tsx found from the pool, not the cwd)', async () => {
  const { X } = blobsInSubspace(300, 6, 6, 3, 2, 0);
  const x = toShared(Float32Array, X);
  const one = await withPool(1, (pool) => exactKnn(x, 300, 6, 5, pool));
  const cwd = process.cwd();
  process.chdir(tmpdir()); // the CLI runs from wherever the user is; no node_modules there
  try {
    const two = await withPool(2, async (pool) => {
      const g = await exactKnn(x, 300, 6, 5, pool);
      assert.equal(pool.liveThreads, 2);
      return g;
    });
    assert.ok(bytes(one.idx).equals(bytes(two.idx)));
  } finally {
    process.chdir(cwd);
  }
});

test('arguments are checked where the kernel runs: an array that is not shared is refused, on 1 thread or 2', async () => {
  for (const threads of [1, 2])
    await withPool(threads, async (pool) => {
      const args = {
        x: new Float64Array(8),
        D: 2,
        E: 4,
        k: 2,
        outIdx: sharedArray(Int32Array, 8),
        outDist: sharedArray(Float64Array, 8),
      };
      await assert.rejects(pool.run('knnExact', args, 2), /Float64Array over a SharedArrayBuffer/);
    });
});

test('an abort mid-run rejects with LavaCancelled and ends every thread', async () => {
  const E = 6000;
  const F = 64;
  const { X } = blobsInSubspace(E, F, F, 4, 2, 0);
  const x = toShared(Float32Array, X);
  const pool = new Pool({ threads: 2 });
  const ac = new AbortController();
  const run = exactKnn(x, E, F, 15, pool, ac.signal);
  setTimeout(() => ac.abort(), 200);
  await assert.rejects(run, LavaCancelled);
  await pool.dispose();
  assert.equal(pool.liveThreads, 0);
});
