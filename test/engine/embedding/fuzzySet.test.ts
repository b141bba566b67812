// UMAP's fuzzy simplicial set against a case worked by hand: three points on a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzySimplicialSet } from '../../../src/engine/embedding/fuzzySet';
import { Pool } from '../../../src/engine/parallel/pool';

test('points at 0, 1 and 4, k = 3: memberships 1 within rho, log2(3) - 1 beyond; union a + b - ab', async () => {
  // Each row: itself, then its two others nearest first. A row's sigma solves 1 + exp(-(d2 - rho) / sigma)
  // = log2(3) (its nearest other is at rho, so it counts 1): the farther one's membership is m = log2(3) - 1.
  const g = {
    n: 3,
    k: 3,
    idx: Int32Array.from([0, 1, 2, 1, 0, 2, 2, 1, 0]),
    dist: Float64Array.from([0, 1, 4, 0, 1, 3, 0, 3, 4]),
  };
  const m = Math.log2(3) - 1;
  // 0-1: 1 both ways -> 1; 1-2: 0 -> 1 is m one way and 2 -> 1 is 1 the other -> 1; 0-2: m both ways -> 2m - m^2
  const want = [
    [1, 1],
    [2, 2 * m - m * m],
    [0, 1],
    [2, 1],
    [0, 2 * m - m * m],
    [1, 1],
  ];
  for (const threads of [1, 2]) {
    const pool = new Pool({ threads });
    try {
      const fz = await fuzzySimplicialSet(g, pool);
      assert.deepEqual(Array.from(fz.ptr), [0, 2, 4, 6]);
      want.forEach(([j, w], e) => {
        assert.equal(fz.col[e], j);
        assert.ok(Math.abs(fz.w[e] - w) < 1e-4, `edge ${e}: ${fz.w[e]} against ${w}`);
      });
    } finally {
      await pool.dispose();
    }
  }
});
