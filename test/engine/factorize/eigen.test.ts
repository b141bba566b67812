// The eigen solver behind NNDSVD: top eigenpairs against a full SVD and a diagonal matrix, by either product.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SVD } from 'ml-matrix';
import { denseApply, topEigen } from '../../../src/engine/factorize/eigen';
import { rowGram, signSplit, sparseApply } from '../../../src/engine/factorize/sparse';
import { cosine, denseSignSplit, fromDense, planted } from './nmfFixtures';

test('topEigen matches a full SVD of A', () => {
  const { R } = planted(30, 9, 3, 11);
  const corr = fromDense(R, 30, 9);
  const a = signSplit(corr);
  const { values, vectors } = topEigen(denseApply(rowGram(a), 30), 30, 3, 0);
  const dense = denseSignSplit(R, 30, corr.P);
  const svd = new SVD(dense, { autoTranspose: true });
  for (let j = 0; j < 3; j++) {
    const s = svd.diagonal[j];
    assert.ok(Math.abs(Math.sqrt(values[j]) - s) < 1e-9 * s, `sigma ${j}`);
    const u = svd.leftSingularVectors.getColumn(j);
    assert.ok(Math.abs(Math.abs(cosine(u, vectors.subarray(j * 30, (j + 1) * 30))) - 1) < 1e-9, `u ${j}`);
  }
});

test('the sparse product A (A^T Q) gives the eigenpairs of the dense Gram', () => {
  const { R } = planted(25, 8, 3, 4);
  const a = signSplit(fromDense(R, 25, 8));
  const dense = topEigen(denseApply(rowGram(a), 25), 25, 3, 1);
  const sparse = topEigen(sparseApply(a), 25, 3, 1);
  for (let j = 0; j < 3; j++) {
    assert.ok(Math.abs(sparse.values[j] - dense.values[j]) < 1e-9 * dense.values[0], `value ${j}`);
    const u = dense.vectors.subarray(j * 25, (j + 1) * 25);
    assert.ok(
      Math.abs(Math.abs(cosine(u, sparse.vectors.subarray(j * 25, (j + 1) * 25))) - 1) < 1e-9,
      `vector ${j}`,
    );
  }
});

test('a diagonal matrix: its largest entries, descending, with the unit axes as vectors', () => {
  const diag = [1, 4, 2, 9, 0];
  const l = diag.length;
  const G = new Float64Array(l * l);
  diag.forEach((v, i) => (G[i * l + i] = v));
  const { values, vectors } = topEigen(denseApply(G, l), l, 3, 7);
  assert.deepEqual(
    Array.from(values, (v) => Math.round(v * 1e9) / 1e9),
    [9, 4, 2],
  );
  [3, 1, 2].forEach((axis, j) => {
    const u = vectors.subarray(j * l, (j + 1) * l);
    assert.ok(Math.abs(Math.abs(u[axis]) - 1) < 1e-9, `vector ${j} on axis ${axis}: ${Array.from(u)}`);
  });
});
