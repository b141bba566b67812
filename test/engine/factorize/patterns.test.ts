// The one signed fold of loadings on A's active columns back onto the pairs, for NMF and Asso alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedPatterns } from '../../../src/engine/factorize/patterns';
import type { SignSplit } from '../../../src/engine/factorize/sparse';

/** P = 3 pairs; active columns 0 (pair 0 +), 3 (pair 0 -), 5 (pair 2 -). The matrix itself does not matter here. */
const a: SignSplit = {
  rows: 1,
  cols: 3,
  rowPtr: Int32Array.from([0, 0]),
  col: new Int32Array(0),
  val: new Float64Array(0),
  colOf: Int32Array.from([0, 3, 5]),
  P: 3,
};

test('h = H[:, :P] - H[:, P:]: the positive part adds to its pair, the negative part subtracts', () => {
  // Ht, 3 active columns x k = 2: column 0 -> (1, 0.5), column 3 -> (0.25, 2), column 5 -> (0, 3).
  const Ht = Float64Array.from([1, 0.5, 0.25, 2, 0, 3]);
  const h = signedPatterns(a, Ht, 2);
  assert.ok(h instanceof Float32Array);
  // Module 0: pair 0 = 1 - 0.25, pair 1 untouched, pair 2 = -0; module 1: pair 0 = 0.5 - 2, pair 2 = -3.
  assert.deepEqual(Array.from(h), [0.75, 0, 0, -1.5, 0, -3]);
});

test('0/1 usage (Asso) folds to +1, -1, or 0 where both signs of a pair use the module', () => {
  // Column 0 (pair 0 +) uses both modules, column 3 (pair 0 -) module 0, column 5 (pair 2 -) module 1.
  const usage = Uint8Array.from([1, 1, 1, 0, 0, 1]);
  assert.deepEqual(Array.from(signedPatterns(a, usage, 2)), [0, 0, 0, 1, 0, -1]);
});
