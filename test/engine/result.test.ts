// The result's numbers: rounded to 7 digits for stable bytes, and a NaN or Infinity is a bug, never a 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { round7 } from '../../src/engine/result';

test('round7 keeps 7 significant digits and refuses NaN and Infinity instead of writing 0', () => {
  assert.equal(round7(Math.PI), 3.141593);
  assert.equal(round7(-1.23456789e-20), -1.234568e-20);
  assert.equal(round7(0), 0);
  for (const bad of [NaN, Infinity, -Infinity]) assert.throws(() => round7(bad), /non-finite number/);
});
