// Pattern decoding: base64 little-endian Float32 upper triangles round-trip and land on the right pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patternToMatrix } from '../../../webview/util/pattern';
import { makeFixture, plantedPattern, F, PLANTED } from '../fixture';
import { pairCount, pairIndex } from '../../../src/shared/result/pairs';
import { decodeFloat32, encodeFloat32 } from '../../../src/shared/result/codec';

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

test('encode then decode returns the same Float32 values, including negatives and zero', () => {
  const values = Float32Array.from([0, 1, -1, 0.5, -0.123456, 3.4e38, -1e-30]);
  assert.deepEqual(decodeFloat32(encodeFloat32(values)), values);
});

test('decoding reads little-endian bytes: 1.0f is 00 00 80 3f', () => {
  assert.deepEqual(
    Array.from(decodeFloat32(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0x80, 0xbf]).toString('base64'))),
    [1, -1],
  );
  assert.equal(encodeFloat32([1]), Buffer.from([0, 0, 0x80, 0x3f]).toString('base64'));
});

test('a decoded fixture module puts each planted weight at (i, j) and (j, i) of the matrix', () => {
  const result = makeFixture();
  for (let m = 0; m < PLANTED.length; m++) {
    const p = decodeFloat32(result.modules[m].pattern);
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
  assert.throws(() => decodeFloat32(Buffer.from([1, 2, 3]).toString('base64')), /multiple of 4/);
});
