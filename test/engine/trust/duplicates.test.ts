// A module cut in two parts with the same loadings is one module: the weaker part counts as not found again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUPLICATE_COSINE, duplicateModules } from '../../../src/engine/trust/stability';

test('the weaker of two modules loaded alike over the localities is flagged; distinct and empty ones are not', () => {
  // 4 localities x 3 modules (row-major). Modules 0 and 2 are on in localities 0 and 1 (2's loadings 0.5 x 0's,
  // cosine 1); module 1 in localities 2 and 3.
  const W = Float64Array.from([1, 0, 0.5, 1, 0, 0.5, 0, 1, 0, 0, 1, 0]);
  // Patterns over P = 3 pairs: module 2's is as large as module 0's, so 0 (|w| |h| twice 2's) is the stronger.
  const patterns = Float32Array.from([1, 1, 0, 0, 0, 1, 1, 0, 1]);
  assert.deepEqual(Array.from(duplicateModules(W, 4, 3, patterns, 3)), [0, 0, 1]);
  // The other way round when module 2's pattern is much larger: then 0 is the part.
  const big = Float32Array.from([1, 1, 0, 0, 0, 1, 10, 0, 10]);
  assert.deepEqual(Array.from(duplicateModules(W, 4, 3, big, 3)), [1, 0, 0]);
  // Loadings whose cosine is just under the threshold: two modules.
  const c = DUPLICATE_COSINE - 0.01;
  const s = Math.sqrt(1 - c * c);
  const W2 = Float64Array.from([1, c, 0, s]);
  assert.deepEqual(Array.from(duplicateModules(W2, 2, 2, Float32Array.from([1, 0, 0, 1]), 2)), [0, 0]);
  // An empty module (all-zero loadings) is nobody's part.
  const W3 = Float64Array.from([1, 0, 1, 0]);
  assert.deepEqual(Array.from(duplicateModules(W3, 2, 2, Float32Array.from([1, 0, 0, 0]), 2)), [0, 0]);
});
