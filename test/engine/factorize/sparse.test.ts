// The sign-split A, the one transpose and A's Gram products, on a matrix small enough to work by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowGram, signSplit, sparseApply, transpose } from '../../../src/engine/factorize/sparse';
import { signedPatterns } from '../../../src/engine/factorize/patterns';
import { rowSubset } from '../../../src/engine/trust/resample';
import type { LocalityCorrelations } from '../../../src/engine/types';

/**
 * F = 3 (P = 3 pairs), l = 2 localities. Locality 0: pair 0 = 0.5, pair 2 = -0.25; locality 1: pair 0 = -0.75,
 * pair 1 = 0 (stored, dropped), pair 2 = -0.5. Active columns of A = [R+, R-]: 0 (pair 0 +), 3 (pair 0 -),
 * 5 (pair 2 -), so A over them = [[0.5, 0, 0.25], [0, 0.75, 0.5]].
 */
const corr: LocalityCorrelations = {
  F: 3,
  P: 3,
  count: 2,
  rowPtr: Int32Array.from([0, 2, 5]),
  pairIndex: Int32Array.from([0, 2, 0, 1, 2]),
  value: Float32Array.from([0.5, -0.25, -0.75, 0, -0.5]),
  undefinedFeature: new Uint8Array(6),
  threshold: 0,
};

test('signSplit keeps the active columns only, |r| in the column of its sign', () => {
  const a = signSplit(corr);
  assert.equal(a.rows, 2);
  assert.equal(a.cols, 3);
  assert.equal(a.P, 3);
  assert.deepEqual(Array.from(a.colOf), [0, 3, 5]);
  assert.deepEqual(Array.from(a.rowPtr), [0, 2, 4]);
  assert.deepEqual(Array.from(a.col), [0, 2, 1, 2]);
  assert.deepEqual(Array.from(a.val), [0.5, 0.25, 0.75, 0.5]);
});

test('transpose: each column with its rows ascending, values when given, and back again', () => {
  const a = signSplit(corr);
  const t = transpose(a);
  assert.equal(t.rows, 3);
  assert.equal(t.cols, 2);
  assert.deepEqual(Array.from(t.rowPtr), [0, 1, 2, 4]);
  assert.deepEqual(Array.from(t.col), [0, 1, 0, 1]);
  assert.deepEqual(Array.from(t.val), [0.5, 0.75, 0.25, 0.5]);
  const back = transpose(t);
  assert.deepEqual([back.rowPtr, back.col, back.val], [a.rowPtr, a.col, a.val]);
  // A pattern (Boolean) matrix has no values and gets none.
  const pattern = transpose({ rows: a.rows, cols: a.cols, rowPtr: a.rowPtr, col: a.col });
  assert.deepEqual([pattern.rowPtr, pattern.col], [t.rowPtr, t.col]);
  assert.equal('val' in pattern, false);
});

test('rowGram is A A^T; sparseApply is A A^T Q without forming it', () => {
  const a = signSplit(corr);
  // [[0.25 + 0.0625, 0.125], [0.125, 0.5625 + 0.25]]
  assert.deepEqual(Array.from(rowGram(a)), [0.3125, 0.125, 0.125, 0.8125]);
  // Two columns of length l = 2, one after another: q1 = (1, 0), q2 = (2, -4).
  const Q = Float64Array.from([1, 0, 2, -4]);
  const Z = new Float64Array(4);
  sparseApply(a)(Q, Z, 2);
  // G q1 = (0.3125, 0.125); G q2 = (0.625 - 0.5, 0.25 - 3.25).
  assert.deepEqual(Array.from(Z), [0.3125, 0.125, 0.125, -3]);
});

/**
 * F = 3, l = 3. Locality 0: pair 0 = 0.5, pair 2 = -0.25; locality 1: pair 0 = 0.75, pair 1 = -0.5, pair 2 = -0.5;
 * locality 2: pair 0 = 0.25, pair 2 = 0.125. Columns of A: 0 (pair 0 +) in 3 localities, 2 (pair 2 +) in 1,
 * 4 (pair 1 -) in 1, 5 (pair 2 -) in 2.
 */
const three: LocalityCorrelations = {
  F: 3,
  P: 3,
  count: 3,
  rowPtr: Int32Array.from([0, 2, 5, 7]),
  pairIndex: Int32Array.from([0, 2, 0, 1, 2, 0, 2]),
  value: Float32Array.from([0.5, -0.25, 0.75, -0.5, -0.5, 0.25, 0.125]),
  undefinedFeature: new Uint8Array(6),
  threshold: 0,
};

test('signSplit with minLocalities drops the columns non-zero in fewer localities and keeps the rest in order', () => {
  assert.deepEqual(Array.from(signSplit(three).colOf), [0, 2, 4, 5]);
  const b = signSplit(three, 2);
  assert.equal(b.rows, 3);
  assert.equal(b.cols, 2);
  assert.equal(b.P, 3);
  assert.deepEqual(Array.from(b.colOf), [0, 5]);
  // locality 0: pair 0 + (0.5), pair 2 - (0.25); locality 1: pair 0 + (0.75), pair 2 - (0.5); locality 2: pair 0 + (0.25)
  assert.deepEqual(Array.from(b.rowPtr), [0, 2, 4, 5]);
  assert.deepEqual(Array.from(b.col), [0, 1, 0, 1, 0]);
  assert.deepEqual(Array.from(b.val), [0.5, 0.25, 0.75, 0.5, 0.25]);
  const c = signSplit(three, 3);
  assert.deepEqual(Array.from(c.colOf), [0]);
  assert.deepEqual(Array.from(c.rowPtr), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(c.val), [0.5, 0.75, 0.25]);
  // above every count: nothing left, an empty A of the same rows
  const d = signSplit(three, 4);
  assert.equal(d.cols, 0);
  assert.deepEqual(Array.from(d.rowPtr), [0, 0, 0, 0]);
  // 1 (or less) keeps every active column: A as before the option
  assert.deepEqual(signSplit(three, 1), signSplit(three));
  assert.deepEqual(signSplit(three, 0), signSplit(three));
});

test('a pair dropped by minLocalities gets pattern weight 0; a kept one its weight, signed by its part', () => {
  // k = 1: the kept columns (pair 0 +, pair 2 -) load 2 and 3
  const patterns = signedPatterns(signSplit(three, 2), Float64Array.from([2, 3]), 1);
  assert.deepEqual(Array.from(patterns), [2, 0, -3]);
});

test("A's values are Float32 (exact: Step 2's correlations are), and the transpose and a row subset keep their type", () => {
  const a = signSplit(three);
  assert.ok(a.val instanceof Float32Array);
  assert.ok(transpose(a).val instanceof Float32Array);
  assert.ok(rowSubset(a, Int32Array.from([0, 2])).val instanceof Float32Array);
  // |r| of every stored Float32 correlation, unrounded
  assert.deepEqual(Array.from(a.val), Array.from(three.value, Math.abs));
  const f64 = { rows: 1, cols: 2, rowPtr: Int32Array.from([0, 2]), col: Int32Array.from([0, 1]), val: Float64Array.from([0.1, 0.2]) };
  assert.ok(transpose(f64).val instanceof Float64Array);
});
