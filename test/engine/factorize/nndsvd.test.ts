// NNDSVD on the active columns equals scikit-learn's NNDSVD written plainly over the whole dense A.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nndsvd } from '../../../src/engine/factorize/nndsvd';
import { signSplit } from '../../../src/engine/factorize/sparse';
import { addNoiseAndThreshold, denseNndsvd, denseSignSplit, fromDense, planted } from './nmfFixtures';

for (const [name, l, F] of [
  ['sparse product (nnz < l^2 / 2)', 40, 8],
  ['dense Gram (nnz >= l^2 / 2)', 12, 9],
] as const) {
  test(`NNDSVD through the ${name}: W and Ht as the dense reference, zero off the active columns`, () => {
    const k = 4;
    const { R, P } = planted(l, F, 3, 8);
    addNoiseAndThreshold(R, 5, 0.2);
    const a = signSplit(fromDense(R, l, F));
    assert.equal(2 * a.val.length < l * l, name.startsWith('sparse'), 'the case takes the path it names');
    const want = denseNndsvd(denseSignSplit(R, l, P), k);
    const got = nndsvd(a, k, 3);
    const close = (x: number, y: number) => Math.abs(x - y) < 1e-7 * (1 + Math.abs(y));
    for (let i = 0; i < got.W.length; i++) assert.ok(close(got.W[i], want.W[i]), `W[${i}]`);
    const active = new Set(a.colOf);
    for (let c = 0; c < a.cols; c++)
      for (let j = 0; j < k; j++)
        assert.ok(close(got.Ht[c * k + j], want.Ht[a.colOf[c] * k + j]), `Ht[${a.colOf[c]}, ${j}]`);
    for (let c = 0; c < 2 * P; c++)
      if (!active.has(c)) for (let j = 0; j < k; j++) assert.equal(want.Ht[c * k + j], 0);
  });
}
