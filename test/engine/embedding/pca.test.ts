// PCA before the approximate kNN: eigenpairs, means and projections against cases worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPca, leadingEigen, projectRows } from '../../../src/engine/embedding/pca';
import { Pool } from '../../../src/engine/parallel/pool';
import { toShared } from '../../../src/engine/parallel/shared';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('four rows in 3-D: covariance [[34, 12], [12, 16]] / 3 has eigenpairs 40/3 along (2, 1)/√5 and 10/3 along (-1, 2)/√5', async () => {
  // x = (4, -4, 1, -1), y = (2, -2, -2, 2), z = 5 (constant): sums x² = 34, y² = 16, xy = 12, means (0, 0, 5);
  // [[34, 12], [12, 16]]: trace 50, determinant 400, so eigenvalues 25 ± 15.
  const rows = [4, 2, 5, -4, -2, 5, 1, -2, 5, -1, 2, 5];
  const pool = new Pool({ threads: 1 });
  const x = toShared(Float32Array, rows);
  const pca = await fitPca(x, 4, 3, 2, pool);
  close(pca.mean[0], 0);
  close(pca.mean[1], 0);
  close(pca.mean[2], 5);
  close(pca.variance[0], 40 / 3);
  close(pca.variance[1], 10 / 3);
  const s5 = Math.sqrt(5);
  [2 / s5, 1 / s5, 0, -1 / s5, 2 / s5, 0].forEach((v, t) => close(pca.basis[t], v));
  // Row (4, 2, 5) lies at 10/√5 along the first component and 0 along the second (stored as Float32).
  const P = await projectRows(x, 4, pca, pool);
  close(P[0], 10 / s5, 1e-6);
  close(P[1], 0, 1e-6);
  close(P[4], 0, 1e-6); // (1, -2, 5): orthogonal to the first
  close(P[5], -5 / s5, 1e-6);
});

test('80 columns, two planted directions: subspace iteration finds them and their variances', async () => {
  // Rows = m + a u + b v with u, v orthonormal and (a, b) in {±10} x {±5}: C = (400 uuᵀ + 100 vvᵀ) / 3.
  const F = 80;
  const u = new Float64Array(F);
  const v = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    u[f] = (f < 40 ? 1 : -1) / Math.sqrt(F);
    v[f] = (f % 2 === 0 ? 1 : -1) / Math.sqrt(F);
  }
  const coef = [
    [10, 5],
    [10, -5],
    [-10, 5],
    [-10, -5],
  ];
  const rows: number[] = [];
  for (const [a, b] of coef) for (let f = 0; f < F; f++) rows.push(f * 0.25 + a * u[f] + b * v[f]);
  const pool = new Pool({ threads: 1 });
  const pca = await fitPca(toShared(Float32Array, rows), 4, F, 2, pool);
  close(pca.variance[0], 400 / 3, 1e-3);
  close(pca.variance[1], 100 / 3, 1e-3);
  // every entry of u and v has the same size, so the sign is arbitrary: |<basis_j, u>| = 1
  const dot = (j: number, w: Float64Array) => w.reduce((s, wf, f) => s + wf * pca.basis[j * F + f], 0);
  close(Math.abs(dot(0, u)), 1, 1e-6);
  close(Math.abs(dot(1, v)), 1, 1e-6);
});

test('leadingEigen of a diagonal matrix: its entries in decreasing order, unit vectors', () => {
  const F = 30;
  const C = new Float64Array(F * F);
  for (let f = 0; f < F; f++) C[f * F + f] = ((f * 7) % F) + 1; // a permutation of 1..30
  const { values, vectors } = leadingEigen(C, F, 3);
  assert.deepEqual(
    Array.from(values, (x) => Math.round(x * 1e6) / 1e6),
    [30, 29, 28],
  );
  for (let j = 0; j < 3; j++) {
    const hot = Array.from(vectors.subarray(j * F, (j + 1) * F)).findIndex((x) => Math.abs(x - 1) < 1e-6);
    assert.equal(C[hot * F + hot], 30 - j);
  }
});
