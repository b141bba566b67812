// NMF's L1 penalty on H (nmfSparseness): a module planted inside another's places stays itself instead of drifting
// into the other's pairs, and the penalty gives the same bytes with the H step on one thread or two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nmf, nmfSignSplit } from '../../../src/engine/factorize/nmf';
import { HStep } from '../../../src/engine/factorize/nmfHStep';
import { signSplit, transpose } from '../../../src/engine/factorize/sparse';
import { seededUniform } from '../../../src/engine/random';
import { fitModules } from '../../../src/engine/trust/fit';
import { DEFAULT_NMF_SPARSENESS } from '../../../src/shared/params/types';
import { cosine, fromDense } from './nmfFixtures';

const N = 10;
const F = 12;
const P = (F * (F - 1)) / 2;

/** A loading profile over one "blob" of n localities starting at lo: highest at its centre, as a blob's localities. */
function tent(p: number, lo: number): number {
  const x = (p - lo + 0.5) / N;
  return x < 0 || x > 1 ? 0 : 0.4 + 0.6 * (1 - Math.abs(2 * x - 1));
}

/**
 * Nested modules by hand: A in rows 0..2n (two blobs), B in rows 0..n (A's first blob), C in rows 2n..3n; each
 * module its own quarter of the pairs at r = 0.6. In A's first blob A's pairs are off by up to +-40 %, the same
 * in every locality there (overlapping localities share rows, so their sampling errors are shared): least
 * squares then fits that blob better by moving some of A's pairs into B (docs/trust.md, the planted m3 s1 set).
 */
function nested() {
  const jitter = seededUniform(1);
  const h = (m: number) => Float64Array.from({ length: P }, (_, q) => (q % 4 === m ? 0.6 : 0));
  const [hA, hB, hC] = [h(0), h(1), h(2)];
  const hA0 = hA.map((v) => v * (1 + 0.8 * (jitter() - 0.5)));
  const R = new Float64Array(3 * N * P);
  for (let p = 0; p < 3 * N; p++)
    for (let q = 0; q < P; q++)
      R[p * P + q] = Math.fround(tent(p, 0) * (hA0[q] + hB[q]) + tent(p, N) * hA[q] + tent(p, 2 * N) * hC[q]);
  return { corr: fromDense(R, 3 * N, F), hA, hB, hC };
}

/** Each planted pattern's best cosine among the fit's k patterns. */
function bestCosines(patterns: Float32Array, k: number, planted: Float64Array[]): number[] {
  return planted.map((h0) =>
    Math.max(...Array.from({ length: k }, (_, t) => cosine(h0, patterns.subarray(t * P, (t + 1) * P)))),
  );
}

test('the default sparseness keeps a module planted inside another one its own; plain NMF mixes them', async () => {
  const { corr, hA, hB, hC } = nested();
  // The same start and the same 400 iterations (tolerance 0: no early stop) for both.
  const run = (sparseness: number) =>
    nmf(corr, { modules: 3, seed: 0 }, { init: 'profiles', maxIter: 400, tol: 0, sparseness });
  const plain = bestCosines((await run(0)).patterns, 3, [hA, hB, hC]);
  const sparse = bestCosines((await run(DEFAULT_NMF_SPARSENESS)).patterns, 3, [hA, hB, hC]);
  assert.ok(
    plain[1] < 0.95,
    `plain NMF: B's best cosine ${plain[1].toFixed(3)}, expected it mixed with A (< 0.95)`,
  );
  assert.ok(
    sparse[1] >= 0.95,
    `sparseness ${DEFAULT_NMF_SPARSENESS}: B's best cosine ${sparse[1].toFixed(3)} < 0.95`,
  );
  for (const [name, c] of [
    ['A', sparse[0]],
    ['C', sparse[2]],
  ] as const)
    assert.ok(
      c >= 0.99,
      `sparseness ${DEFAULT_NMF_SPARSENESS}: ${name}'s best cosine ${c.toFixed(3)} < 0.99`,
    );
});

test('with sparseness the H step on a worker thread gives the same bytes as on this thread', async () => {
  const a = signSplit(nested().corr);
  const opts = { init: 'profiles', sparseness: 0.05, maxIter: 50, tol: 0 } as const;
  const one = await nmfSignSplit(a, 3, 0, { ...opts, threads: 'one' });
  const two = await nmfSignSplit(a, 3, 0, { ...opts, threads: 'two' });
  assert.equal(one.iterations, 50);
  assert.deepEqual(two.W, one.W);
  assert.deepEqual(two.Ht, one.Ht);
  assert.equal(two.error, one.error);
  // ...and a thread really ran the penalized half: one H step on its own, forced onto two threads.
  const t = transpose(a);
  const Ht = Float64Array.from({ length: a.cols * 3 }, (_, i) => ((i * 7) % 5) / 5);
  const W = Float64Array.from({ length: a.rows * 3 }, (_, i) => ((i * 3) % 4) / 4);
  const WtW = new Float64Array(9);
  for (let p = 0; p < a.rows; p++)
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) WtW[x * 3 + y] += W[p * 3 + x] * W[p * 3 + y];
  const step = async (threads: 'one' | 'two') => {
    const h = new HStep(t.rowPtr, t.col, Float32Array.from(t.val), a.cols, 3, a.rows, Ht, {
      threads,
      l1: 0.3,
    });
    const [HHt, XHt] = [new Float64Array(9), new Float64Array(a.rows * 3)];
    const violation = await h.run(W, WtW, HHt, XHt);
    const out = { threaded: h.threaded, Ht: Float64Array.from(h.Ht), HHt, XHt, violation };
    h.dispose();
    return out;
  };
  const [s1, s2] = [await step('one'), await step('two')];
  assert.equal(s2.threaded, true);
  assert.deepEqual([s2.Ht, s2.HHt, s2.XHt, s2.violation], [s1.Ht, s1.HHt, s1.XHt, s1.violation]);
  const plain = new HStep(t.rowPtr, t.col, Float32Array.from(t.val), a.cols, 3, a.rows, Ht, {
    threads: 'one',
  });
  await plain.run(W, WtW, new Float64Array(9), new Float64Array(a.rows * 3));
  assert.notDeepEqual(Float64Array.from(plain.Ht), s1.Ht);
  plain.dispose();
});

test('sparseness 0 is plain NMF, byte for byte; a positive one changes the fit', async () => {
  const a = signSplit(nested().corr);
  const unset = await nmfSignSplit(a, 3, 0, { init: 'profiles' });
  const zero = await nmfSignSplit(a, 3, 0, { init: 'profiles', sparseness: 0 });
  const some = await nmfSignSplit(a, 3, 0, { init: 'profiles', sparseness: 0.05 });
  assert.deepEqual(zero.W, unset.W);
  assert.deepEqual(zero.Ht, unset.Ht);
  assert.equal(zero.iterations, unset.iterations);
  assert.notDeepEqual(some.Ht, unset.Ht);
});

test("the trust step's fits take the sparseness: the same bytes as Step 3's own NMF with it", async () => {
  const a = signSplit(nested().corr);
  const o = { init: 'profiles', maxIter: 60, tol: 0, threads: 'one' } as const;
  const direct = await nmfSignSplit(a, 3, 0, { ...o, sparseness: 0.05 });
  const viaFit = await fitModules(a, 3, { ...o, seed: 0, sparseness: 0.05 });
  const plain = await fitModules(a, 3, { ...o, seed: 0 });
  assert.deepEqual(viaFit.Ht, direct.Ht);
  assert.notDeepEqual(plain.Ht, direct.Ht);
});

test('with sparseness the fit stops once the objective stands still (the violation never falls), well before the cap', async () => {
  const a = signSplit(nested().corr);
  const stopped = await nmfSignSplit(a, 3, 0, { init: 'profiles', sparseness: 0.05, keepState: true });
  const capped = await nmfSignSplit(a, 3, 0, { init: 'profiles', sparseness: 0.05, tol: 0, maxIter: 400 });
  const state = stopped.state!;
  assert.ok(stopped.iterations < 400, `stopped at the cap (${stopped.iterations})`);
  // The rule: the last iteration changed the objective by at most tol^2 / 10 (tol = 1e-4) of its value...
  assert.ok(state.change <= 1e-9, `last relative change ${state.change}`);
  // ...which it had not yet done one iteration earlier...
  const before = await nmfSignSplit(a, 3, 0, { init: 'profiles', sparseness: 0.05, maxIter: stopped.iterations - 1, keepState: true });
  assert.ok(before.state!.change > 1e-9, `already still at ${stopped.iterations - 1}: ${before.state!.change}`);
  // ...while the projected-gradient violation is still far from plain NMF's stop (1e-4 of the first).
  assert.ok(state.violation / state.first > 1e-3, `violation ${state.violation / state.first}`);
  // Going on to the cap gains nothing worth the iterations.
  assert.ok(Math.abs(stopped.error - capped.error) < 1e-6, `error ${stopped.error} vs ${capped.error} at 400`);
});
