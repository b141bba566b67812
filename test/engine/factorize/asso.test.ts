// Asso Boolean factorization on small examples worked by hand, and its use as Step 3's 'boolean' option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asso, type BoolCsr } from '../../../src/engine/factorize/asso';
import { factorize } from '../../../src/engine/factorize/factorize';
import type { LocalityCorrelations } from '../../../src/engine/types';

function csr(rows: number[][], cols: number): BoolCsr {
  const rowPtr = new Int32Array(rows.length + 1);
  const col: number[] = [];
  rows.forEach((r, i) => {
    r.forEach((v, c) => v && col.push(c));
    rowPtr[i + 1] = col.length;
  });
  return { rows: rows.length, cols, rowPtr, col: Int32Array.from(col) };
}

test('Asso on a hand-worked 5 x 4 example', () => {
  // column supports: c0 = c1 = {0,1,3}, c2 = {2,3,4}, c3 = {2,3}
  // confidences: c0=>c1 1, c0=>c2 1/3, c2=>c3 2/3, c3=>c2 1, c2=>c0 1/3, c3=>c0 1/2
  // tau 0.6: candidates {0,1} (from c0, c1) and {2,3} (from c2, c3)
  // round 1: {0,1} gains 2+2+2 on rows 0,1,3 = 6 ; {2,3} gains 2 (r2) + 2 (r3) + 0 (r4: +1 -1) = 4 -> {0,1}
  // round 2: {2,3} gains 4 on rows 2,3 ; row 4 (one 1, one 0) gains 0 so does not use it
  const C = csr(
    [
      [1, 1, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 1, 1, 1],
      [0, 0, 1, 0],
    ],
    4,
  );
  const r = asso(C, 2, { tau: 0.6, wPlus: 1, wMinus: 1 });
  assert.deepEqual([...r.basis], [1, 1, 0, 0, 0, 0, 1, 1]);
  assert.deepEqual([...r.usage], [1, 0, 1, 0, 0, 1, 1, 1, 0, 0]);
  assert.equal(r.ones, 11);
  assert.equal(r.coveredOnes, 10);
  assert.equal(r.coveredZeros, 0);
  // A cheaper false positive (w- = 0.5) makes row 4 use {2,3} too: gain 1 - 0.5 > 0.
  const r2 = asso(C, 2, { tau: 0.6, wPlus: 1, wMinus: 0.5 });
  assert.deepEqual([...r2.usage], [1, 0, 1, 0, 0, 1, 1, 1, 0, 1]);
  assert.equal(r2.coveredOnes, 11);
  assert.equal(r2.coveredZeros, 1);
});

test('Asso: a low tau merges candidates; the greedy still prefers the clean block', () => {
  // tau 0.4: c2 => {0,1,2,3}? c2=>c0 = 1/3 < 0.4, so only c3 => {0,1,2,3} (c3=>c0 = 1/2)
  // round 1: {0,1,2,3}: r0 2-2=0, r1 0, r2 2-2=0, r3 4, r4 1-3<0 -> 4 ; {0,1}: 6 ; {2,3}: 4 -> {0,1}
  const C = csr(
    [
      [1, 1, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 1, 1, 1],
      [0, 0, 1, 0],
    ],
    4,
  );
  const r = asso(C, 3, { tau: 0.4, wPlus: 1, wMinus: 1 });
  assert.deepEqual([...r.basis.subarray(0, 4)], [1, 1, 0, 0]);
  assert.deepEqual([...r.basis.subarray(4, 8)], [0, 0, 1, 1]);
  // nothing left to gain for a third factor: it stays empty
  assert.deepEqual([...r.basis.subarray(8, 12)], [0, 0, 0, 0]);
  assert.equal(r.coveredOnes, 10);
});

test("factorize 'boolean': localities grouped by the pairs they share, signed patterns", async () => {
  // F = 3 (pairs q0..q2), 4 localities: 0 and 1 have q0 positive and q1 negative; 2 and 3 have q2 positive.
  const corr: LocalityCorrelations = {
    F: 3,
    P: 3,
    count: 4,
    rowPtr: Int32Array.from([0, 2, 4, 5, 6]),
    pairIndex: Int32Array.from([0, 1, 0, 1, 2, 2]),
    value: Float32Array.from([0.8, -0.6, 0.7, -0.9, 0.5, 0.6]),
    undefinedFeature: new Uint8Array(12),
    threshold: 0.3,
  };
  const f = await factorize(corr, { modules: 2, factorization: 'boolean', seed: 0 });
  assert.equal(f.k, 2);
  // first module: localities 0,1 (4 ones), pattern +q0 -q1 ; second: localities 2,3, pattern +q2
  assert.deepEqual([...f.W], [1, 0, 1, 0, 0, 1, 0, 1]);
  assert.deepEqual([...f.patterns], [1, -1, 0, 0, 0, 1]);
  assert.equal(f.error, 0);
});
