// The significance test's null on the engine's pool: the same contrasts and p-value on one thread or two, and equal
// to the permutation loop written out by hand; a cancel stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from '../../../src/engine/parallel/pool';
import { sharedArray } from '../../../src/engine/parallel/shared';
import { seededUniform } from '../../../src/engine/random';
import { heldOutView, placesMean } from '../../../src/engine/trust/nullKernel';
import { moduleSignificance, rowPermutations } from '../../../src/engine/trust/significance';
import { moduleSupport } from '../../../src/engine/trust/support';
import { LavaCancelled } from '../../../src/shared/errors';

const E = 600;
const F = 6;
const l = 12;
const n = 20;

/** X where features 0 and 1 move together in the rows of the first 6 localities' held-out sets, and are noise elsewhere. */
function setup() {
  const u = seededUniform(7);
  const heldOut = sharedArray(Int32Array, l * n);
  for (let i = 0; i < l * n; i++) heldOut[i] = i; // locality p holds rows p*n .. p*n+n-1
  const X = new Float64Array(E * F);
  for (let r = 0; r < E; r++) {
    const shared = u() - 0.5;
    for (let f = 0; f < F; f++) X[r * F + f] = u() - 0.5;
    if (r < 6 * n) X[r * F + 1] = X[r * F] + 0.2 * shared;
  }
  const P = (F * (F - 1)) / 2;
  const h = new Float32Array(P);
  h[0] = 1; // pair (0, 1)
  h[1] = 0.2; // pair (0, 2): weak
  const support = moduleSupport(h, 2, X, E, F);
  const active = Int32Array.from([0, 1, 2, 3, 4, 5]);
  const elsewhere = Int32Array.from([6, 7, 8, 9, 10, 11]);
  const perms = rowPermutations(E, 19, seededUniform(3));
  return { support, heldOut, active, elsewhere, perms };
}

test('the null on two threads equals one thread and the permutation loop by hand', async () => {
  const { support, heldOut, active, elsewhere, perms } = setup();
  const one = new Pool({ threads: 1 });
  const two = new Pool({ threads: 2 });
  try {
    const a = await moduleSignificance(support, active, elsewhere, heldOut, n, perms, false, one);
    const b = await moduleSignificance(support, active, elsewhere, heldOut, n, perms, false, two);
    assert.deepEqual(b, a);
    assert.ok(two.liveThreads > 0, 'the two-thread pool started no thread');
    // By hand: the contrast of each permutation, counted in order.
    const v = heldOutView(support, heldOut, n, false);
    const observed = placesMean(v, active, null) - placesMean(v, elsewhere, null);
    let atLeast = 0;
    let sum = 0;
    for (let i = 0; i < perms.count; i++) {
      const perm = perms.rows.subarray(i * E, (i + 1) * E);
      const t = placesMean(v, active, perm) - placesMean(v, elsewhere, perm);
      sum += t;
      if (t >= observed) atLeast++;
    }
    assert.equal(a.p, (1 + atLeast) / (1 + perms.count));
    assert.equal(a.nullContrast, sum / perms.count);
    // The planted pair is there at its places and not elsewhere: nothing in the null reaches it.
    assert.ok(a.active - a.elsewhere > 0.3, `contrast ${a.active - a.elsewhere}`);
    assert.equal(a.p, 1 / 20);
  } finally {
    await one.dispose();
    await two.dispose();
  }
});

test('a cancel stops the null with LavaCancelled', async () => {
  const { support, heldOut, active, elsewhere, perms } = setup();
  const pool = new Pool({ threads: 2 });
  const stop = new AbortController();
  stop.abort();
  try {
    await assert.rejects(
      moduleSignificance(support, active, elsewhere, heldOut, n, perms, false, pool, stop.signal),
      (e: unknown) => e instanceof LavaCancelled,
    );
  } finally {
    await pool.dispose();
  }
});
