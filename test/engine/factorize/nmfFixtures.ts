// Shared by the Step 3 tests: planted low-rank data, a dense signed locality x pair matrix as Step 2's sparse output, cosine.
import { Matrix, SVD } from 'ml-matrix';
import { seededUniform } from '../../../src/engine/random';
import type { LocalityCorrelations } from '../../../src/engine/types';

/** Planted: k modules with disjoint signed pair supports, non-negative loadings. R = W0 Hsigned. */
export function planted(l: number, F: number, k: number, seed: number) {
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

/** A LocalityCorrelations holding the dense l x P signed matrix R (zeros dropped). */
export function fromDense(R: Float64Array, l: number, F: number): LocalityCorrelations {
  const P = (F * (F - 1)) / 2;
  const rowPtr = new Int32Array(l + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let p = 0; p < l; p++) {
    for (let q = 0; q < P; q++)
      if (R[p * P + q] !== 0) {
        idx.push(q);
        val.push(R[p * P + q]);
      }
    rowPtr[p + 1] = idx.length;
  }
  return {
    F,
    P,
    count: l,
    rowPtr,
    pairIndex: Int32Array.from(idx),
    value: Float32Array.from(val),
    undefinedFeature: new Uint8Array(l * F),
    threshold: 0,
  };
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb || 1);
}

/** scikit-learn's NNDSVD written plainly from a full SVD of the dense A (every column, zero ones included). */
export function denseNndsvd(A: Matrix, k: number): { W: Float64Array; Ht: Float64Array } {
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
  return { W, Ht };
}

/** Adds uniform noise (width 0.3) to R in place and zeroes |values| below `cut`: mixed signs, not exactly low rank. */
export function addNoiseAndThreshold(R: Float64Array, seed: number, cut: number): void {
  const rnd = seededUniform(seed);
  for (let i = 0; i < R.length; i++) {
    const v = Math.fround(R[i] + 0.3 * (rnd() - 0.5));
    R[i] = Math.abs(v) < cut ? 0 : v;
  }
}

/** The dense sign-split A = [max(R, 0), max(-R, 0)] (l x 2P) of a dense l x P R. */
export function denseSignSplit(R: Float64Array, l: number, P: number): Matrix {
  const A = new Matrix(l, 2 * P);
  for (let p = 0; p < l; p++)
    for (let q = 0; q < P; q++) {
      const v = R[p * P + q];
      if (v > 0) A.set(p, q, v);
      else if (v < 0) A.set(p, P + q, -v);
    }
  return A;
}
