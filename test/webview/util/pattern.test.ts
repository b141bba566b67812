// Patterns: Float32 upper triangles whose weights land on the right pairs of the matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patternToMatrix } from '../../../webview/util/pattern';
import { makeFixture, plantedPattern, F, PLANTED } from '../fixture';
import { pairCount, pairIndex } from '../../../src/shared/result/pairs';

test('pairIndex enumerates the upper triangle row-major: (0,1),(0,2)...(1,2)...', () => {
  const F4: [number, number][] = [];
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) F4.push([i, j]);
  assert.deepEqual(
    F4.map(([i, j]) => pairIndex(i, j, 4)),
    [0, 1, 2, 3, 4, 5],
  );
  assert.equal(pairIndex(2, 1, 4), pairIndex(1, 2, 4));
  assert.equal(pairCount(784), 306936);
});

test('a fixture module puts each planted weight at (i, j) and (j, i) of the matrix', () => {
  const result = makeFixture();
  for (let m = 0; m < PLANTED.length; m++) {
    const p = result.modules[m].pattern;
    assert.deepEqual(p, plantedPattern(m));
    const M = patternToMatrix(p, F);
    for (const [i, j, w] of PLANTED[m]) {
      assert.equal(M[i * F + j], Math.fround(w));
      assert.equal(M[j * F + i], Math.fround(w));
    }
    let nonzero = 0;
    for (const v of M) if (v !== 0) nonzero++;
    assert.equal(nonzero, 2 * PLANTED[m].length);
  }
});

test('a pattern of the wrong length is refused', () => {
  assert.throws(() => patternToMatrix(new Float32Array(5), 4), /6/);
});
