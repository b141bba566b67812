// Step 3 NMF: planted low-rank recovery, determinism, and the sparse path equal to a dense computation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SVD, Matrix } from 'ml-matrix';
import { denseApply, factorize, nmf, nmfSignSplit, rowGram, signSplit, topEigen } from '../../../src/engine/factorize/nmf';
import { HStep } from '../../../src/engine/factorize/nmfHStep';
import { seededUniform } from '../../../src/engine/random';
import { cosine, fromDense } from './nmfFixtures';

/** Planted: k modules with disjoint signed pair supports, non-negative loadings. R = W0 Hsigned. */
function planted(l: number, F: number, k: number, seed: number) {
  const rnd = seededUniform(seed);
  const P = (F * (F - 1)) / 2;
  const H0 = new Float64Array(k * P);
  for (let q = 0; q < P; q++) {
    const m = q % (k + 2); // some pairs belong to no module
    if (m < k) H0[m * P + q] = (rnd() < 0.5 ? -1 : 1) * (0.2 + 0.8 * rnd());
  }
  const W0 = new Float64Array(l * k);
  for (let i = 0; i < W0.length; i++) W0[i] = rnd() < 0.4 ? 0 : rnd();
  const R = new Float64Array(l * P);
  for (let p = 0; p < l; p++)
    for (let m = 0; m < k; m++) {
      const w = W0[p * k + m];
      if (w !== 0) for (let q = 0; q < P; q++) R[p * P + q] += w * H0[m * P + q];
    }
  // Round to float32 as Step 2 stores them, so the "exact" data are exactly what the CSR holds.
  for (let i = 0; i < R.length; i++) R[i] = Math.fround(R[i]);
  return { W0, H0, R, P };
}

test('topEigen matches a full SVD of A', () => {
  const { R } = planted(30, 9, 3, 11);
  const corr = fromDense(R, 30, 9);
  const a = signSplit(corr);
  const { values, vectors } = topEigen(denseApply(rowGram(a), 30), 30, 3, 0);
  const dense = new Matrix(30, 2 * corr.P);
  for (let p = 0; p < 30; p++)
    for (let z = corr.rowPtr[p]; z < corr.rowPtr[p + 1]; z++) {
      const v = corr.value[z];
      dense.set(p, v > 0 ? corr.pairIndex[z] : corr.P + corr.pairIndex[z], Math.abs(v));
    }
  const svd = new SVD(dense, { autoTranspose: true });
  for (let j = 0; j < 3; j++) {
    const s = svd.diagonal[j];
    assert.ok(Math.abs(Math.sqrt(values[j]) - s) < 1e-9 * s, `sigma ${j}`);
    const u = svd.leftSingularVectors.getColumn(j);
    assert.ok(Math.abs(Math.abs(cosine(u, vectors.subarray(j * 30, (j + 1) * 30))) - 1) < 1e-9, `u ${j}`);
  }
});

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
  const a = await factorize(corr, { modules: 3, factorization: 'nmf', seed: 4 });
  const b = await factorize(corr, { modules: 3, factorization: 'nmf', seed: 4 });
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
  const svd = new SVD(A, { autoTranspose: true });
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const S = svd.diagonal;
  const W = new Float64Array(l * k);
  const Ht = new Float64Array(n * k);
  const norm = (x: number[]) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));
  for (let j = 0; j < k; j++) {
    const x = U.getColumn(j);
    const y = V.getColumn(j);
    if (j === 0) {
      for (let p = 0; p < l; p++) W[p * k] = Math.sqrt(S[0]) * Math.abs(x[p]);
      for (let c = 0; c < n; c++) Ht[c * k] = Math.sqrt(S[0]) * Math.abs(y[c]);
      continue;
    }
    const xp = x.map((v) => Math.max(v, 0));
    const xn = x.map((v) => Math.max(-v, 0));
    const yp = y.map((v) => Math.max(v, 0));
    const yn = y.map((v) => Math.max(-v, 0));
    const mp = norm(xp) * norm(yp);
    const mn = norm(xn) * norm(yn);
    const [u, v, sig] = mp > mn ? [xp, yp, mp] : [xn, yn, mn];
    const lbd = Math.sqrt(S[j] * sig);
    const nu = norm(u);
    const nv = norm(v);
    for (let p = 0; p < l; p++) W[p * k + j] = (lbd * u[p]) / nu;
    for (let c = 0; c < n; c++) Ht[c * k + j] = (lbd * v[c]) / nv;
  }
  for (let i = 0; i < W.length; i++) if (W[i] < 1e-6) W[i] = 0;
  for (let i = 0; i < Ht.length; i++) if (Ht[i] < 1e-6) Ht[i] = 0;
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
  const rnd = seededUniform(2);
  for (let i = 0; i < R.length; i++) {
    const v = Math.fround(R[i] + 0.3 * (rnd() - 0.5));
    R[i] = Math.abs(v) < 0.25 ? 0 : v;
  }
  const corr = fromDense(R, l, F);
  const A = new Matrix(l, 2 * P);
  for (let p = 0; p < l; p++)
    for (let q = 0; q < P; q++) {
      const v = R[p * P + q];
      if (v > 0) A.set(p, q, v);
      else if (v < 0) A.set(p, P + q, -v);
    }
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

test('no significant correlation: empty modules, no error; an aborted signal cancels', async () => {
  const empty = fromDense(new Float64Array(4 * 3), 4, 3);
  for (const method of ['nmf', 'boolean'] as const) {
    const f = await factorize(empty, { modules: 2, factorization: method, seed: 0 });
    assert.equal(f.W.length, 8);
    assert.ok(f.W.every((v) => v === 0));
    assert.ok(f.patterns.every((v) => v === 0));
    assert.equal(f.error, 0);
  }
  const ac = new AbortController();
  ac.abort();
  const { R } = planted(20, 8, 2, 1);
  await assert.rejects(
    factorize(fromDense(R, 20, 8), { modules: 2, factorization: 'nmf', seed: 0 }, { signal: ac.signal }),
    {
      name: 'LavaCancelled',
    },
  );
});

test('the H step on a worker thread gives the same bytes as on this thread', async () => {
  const { R } = planted(60, 14, 3, 11);
  const corr = fromDense(R, 60, 14);
  const a = signSplit(corr);
  const one = await nmfSignSplit(a, 3, 2, { threads: 'one' });
  const two = await nmfSignSplit(a, 3, 2, { threads: 'two' });
  assert.ok(one.iterations > 1);
  assert.equal(two.iterations, one.iterations);
  assert.deepEqual(two.W, one.W);
  assert.deepEqual(two.Ht, one.Ht);
  assert.equal(two.error, one.error);
  // ...and the thread really ran: a forced HStep has one.
  const h = new HStep(
    new Int32Array([0, 1, 2]),
    new Int32Array([0, 0]),
    new Float32Array([1, 2]),
    2,
    1,
    1,
    new Float64Array(2),
    'two',
  );
  assert.equal(h.threaded, true);
  h.dispose();
});
