// Step 3 NMF: planted low-rank recovery, determinism, and the sparse path equal to a dense computation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Matrix } from 'ml-matrix';
import { nmf } from '../../../src/engine/factorize/nmf';
import { addNoiseAndThreshold, cosine, denseNndsvd, denseSignSplit, fromDense, planted } from './nmfFixtures';

test('recovers a planted exact rank-k non-negative factorization', async () => {
  const l = 60;
  const F = 12;
  const k = 4;
  const { W0, H0, R, P } = planted(l, F, k, 5);
  const corr = fromDense(R, l, F);
  const f = await nmf(corr, { modules: k, seed: 0 }, { tol: 1e-8, maxIter: 2000 });
  assert.ok(f.error < 1e-3, `relative error ${f.error}`);
  // Each planted pattern has a learned one (and loading column) with cosine > 0.99.
  const used = new Set<number>();
  for (let m = 0; m < k; m++) {
    const h0 = H0.subarray(m * P, (m + 1) * P);
    let best = -1;
    let bestCos = -1;
    for (let t = 0; t < k; t++) {
      const c = cosine(h0, f.patterns.subarray(t * P, (t + 1) * P));
      if (c > bestCos) {
        bestCos = c;
        best = t;
      }
    }
    assert.ok(bestCos > 0.99, `module ${m}: best cosine ${bestCos}`);
    assert.ok(!used.has(best));
    used.add(best);
    const w0 = Array.from({ length: l }, (_, p) => W0[p * k + m]);
    const w = Array.from({ length: l }, (_, p) => f.W[p * k + best]);
    assert.ok(cosine(w0, w) > 0.99, `loadings ${m}: ${cosine(w0, w)}`);
  }
});

test('deterministic: same input and seed give identical bytes', async () => {
  const { R } = planted(40, 10, 3, 9);
  const corr = fromDense(R, 40, 10);
  const a = await nmf(corr, { modules: 3, seed: 4 });
  const b = await nmf(corr, { modules: 3, seed: 4 });
  assert.deepEqual(a.W, b.W);
  assert.deepEqual(a.patterns, b.patterns);
  assert.equal(a.iterations, b.iterations);
});

/**
 * Dense reference: NNDSVD from a full SVD, then scikit-learn's coordinate descent over every column
 * of A (zero columns included), with its stopping rule.
 */
function denseNmf(A: Matrix, k: number, maxIter: number, tol: number) {
  const l = A.rows;
  const n = A.columns;
  const { W, Ht } = denseNndsvd(A, k);
  const sweep = (
    X: (i: number, c: number) => number,
    M: Float64Array,
    rows: number,
    N: Float64Array,
    cols: number,
  ) => {
    // update M (rows x k) for X (rows x cols) ~ M N^T
    const NN = new Float64Array(k * k);
    for (let c = 0; c < cols; c++)
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) NN[a * k + b] += N[c * k + a] * N[c * k + b];
    const XN = new Float64Array(rows * k);
    for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) { const x = X(i, c); if (x !== 0) for (let t = 0; t < k; t++) XN[i * k + t] += x * N[c * k + t]; } // prettier-ignore
    let viol = 0;
    for (let t = 0; t < k; t++)
      for (let i = 0; i < rows; i++) {
        let g = -XN[i * k + t];
        for (let r = 0; r < k; r++) g += NN[t * k + r] * M[i * k + r];
        viol += Math.abs(M[i * k + t] === 0 ? Math.min(0, g) : g);
        if (NN[t * k + t] !== 0) M[i * k + t] = Math.max(M[i * k + t] - g / NN[t * k + t], 0);
      }
    return viol;
  };
  let first = 0;
  let it = 0;
  for (it = 1; it <= maxIter; it++) {
    let v = sweep((i, c) => A.get(i, c), W, l, Ht, n);
    v += sweep((c, i) => A.get(i, c), Ht, n, W, l);
    if (it === 1) first = v;
    if (first === 0 || v / first <= tol) break;
  }
  return { W, Ht, iterations: Math.min(it, maxIter) };
}

test('the sparse path (active columns, Gram eigenvectors) equals a dense computation', async () => {
  // Noisy, thresholded data: not exactly low rank, many all-zero columns, mixed signs.
  const l = 25;
  const F = 10;
  const k = 3;
  const { R, P } = planted(l, F, k, 21);
  addNoiseAndThreshold(R, 2, 0.25);
  const corr = fromDense(R, l, F);
  const A = denseSignSplit(R, l, P);
  const dense = denseNmf(A, k, 400, 1e-4);
  const f = await nmf(corr, { modules: k, seed: 0 });
  assert.equal(f.iterations, dense.iterations);
  for (let i = 0; i < f.W.length; i++)
    assert.ok(Math.abs(f.W[i] - dense.W[i]) < 1e-6 * (1 + Math.abs(dense.W[i])), `W[${i}]`);
  for (let t = 0; t < k; t++)
    for (let q = 0; q < P; q++) {
      const h = dense.Ht[q * k + t] - dense.Ht[(P + q) * k + t];
      assert.ok(Math.abs(f.patterns[t * P + q] - h) < 1e-5 * (1 + Math.abs(h)), `pattern ${t},${q}`);
    }
  // the reported error is ||A - WH|| / ||A|| computed directly
  let num = 0;
  let den = 0;
  for (let p = 0; p < l; p++)
    for (let c = 0; c < 2 * P; c++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += dense.W[p * k + t] * dense.Ht[c * k + t];
      num += (A.get(p, c) - s) ** 2;
      den += A.get(p, c) ** 2;
    }
  assert.ok(Math.abs(f.error - Math.sqrt(num / den)) < 1e-6, `${f.error} vs ${Math.sqrt(num / den)}`);
});
