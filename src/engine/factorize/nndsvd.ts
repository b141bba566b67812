// NMF's default start: scikit-learn's NNDSVD from the top singular pairs of the sign-split A.
import { denseApply, topEigen } from './eigen';
import { rowGram, sparseApply, type SignSplit } from './sparse';

/**
 * NNDSVD start exactly as scikit-learn's `_initialize_nmf(init="nndsvd")`: the first singular pair by
 * absolute value, the others by the larger of their positive and negative parts; entries < 1e-6 zeroed.
 * Singular vectors of A come from the eigenvectors of A A^T (l is at most a few thousand): u_j, and
 * v_j = A^T u_j / s_j. Returns W (l x k) and Ht (m x k), both row-major.
 */
export function nndsvd(a: SignSplit, k: number, seed: number): { W: Float64Array; Ht: Float64Array } {
  const l = a.rows;
  const m = a.cols;
  // Whichever product is cheaper per iteration: b (2 nnz) sparse or b l^2 dense (after an nnz-bound Gram).
  const apply = 2 * a.val.length < l * l ? sparseApply(a) : denseApply(rowGram(a), l);
  const { values, vectors } = topEigen(apply, l, k, seed);
  const W = new Float64Array(l * k);
  const Ht = new Float64Array(m * k);
  const v = new Float64Array(m);
  for (let j = 0; j < Math.min(k, l); j++) {
    const S = Math.sqrt(values[j]);
    if (!(S > 0)) continue;
    const u = vectors.subarray(j * l, (j + 1) * l);
    v.fill(0);
    for (let p = 0; p < l; p++) {
      const up = u[p];
      if (up === 0) continue;
      for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) v[a.col[z]] += a.val[z] * up;
    }
    for (let c = 0; c < m; c++) v[c] /= S;
    if (j === 0) {
      const s = Math.sqrt(S);
      for (let p = 0; p < l; p++) W[p * k] = s * Math.abs(u[p]);
      for (let c = 0; c < m; c++) Ht[c * k] = s * Math.abs(v[c]);
      continue;
    }
    let xp = 0;
    let xn = 0;
    let yp = 0;
    let yn = 0;
    for (let p = 0; p < l; p++) {
      const x = u[p];
      if (x > 0) xp += x * x;
      else xn += x * x;
    }
    for (let c = 0; c < m; c++) {
      const y = v[c];
      if (y > 0) yp += y * y;
      else yn += y * y;
    }
    xp = Math.sqrt(xp);
    xn = Math.sqrt(xn);
    yp = Math.sqrt(yp);
    yn = Math.sqrt(yn);
    const mp = xp * yp;
    const mn = xn * yn;
    const positive = mp > mn;
    const sigma = positive ? mp : mn;
    if (!(sigma > 0)) continue;
    const lbd = Math.sqrt(S * sigma);
    const sign = positive ? 1 : -1;
    const nx = positive ? xp : xn;
    const ny = positive ? yp : yn;
    for (let p = 0; p < l; p++) W[p * k + j] = (lbd * Math.max(sign * u[p], 0)) / nx;
    for (let c = 0; c < m; c++) Ht[c * k + j] = (lbd * Math.max(sign * v[c], 0)) / ny;
  }
  for (let i = 0; i < W.length; i++) if (W[i] < 1e-6) W[i] = 0;
  for (let i = 0; i < Ht.length; i++) if (Ht[i] < 1e-6) Ht[i] = 0;
  return { W, Ht };
}
