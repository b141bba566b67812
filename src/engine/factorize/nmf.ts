// Step 3 (default): NMF of the sign-split locality x pair matrix A = [max(R,0), max(-R,0)], sparse throughout.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { assoFactorize, DEFAULT_ASSO, type AssoOptions } from './asso';
import { profileInit } from './nmfInit';
import { HStep } from './nmfHStep';
import { cdRow } from './nmfKernel';
import { checkpoint } from '../errors';
import { seededUniform } from '../random';
import type { Factorization, LocalityCorrelations } from '../types';

/**
 * A non-negative l x m sparse matrix (CSR) over the *active* columns of A: the columns (pair q for the
 * positive part, P + q for the negative part) with at least one non-zero. Other columns of A are all
 * zero, and both NNDSVD and coordinate descent keep H exactly zero there (zero gradient, zero start),
 * so dropping them changes nothing but the cost: at F = 784, 2P = 613,872 while few are active.
 */
export interface SignSplit {
  rows: number;
  /** Active column count m. */
  cols: number;
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float64Array;
  /** m: the column of A (0 .. 2P-1) of each active column, ascending. */
  colOf: Int32Array;
  P: number;
}

/** Build the sign-split A over its active columns from Step 2's CSR. */
export function signSplit(corr: LocalityCorrelations): SignSplit {
  const { P, count: l, rowPtr, pairIndex, value } = corr;
  const nnz = value.length;
  const compact = new Int32Array(2 * P).fill(-1);
  for (let z = 0; z < nnz; z++) {
    const v = value[z];
    if (v > 0) compact[pairIndex[z]] = 0;
    else if (v < 0) compact[P + pairIndex[z]] = 0;
  }
  let m = 0;
  for (let c = 0; c < 2 * P; c++) if (compact[c] === 0) compact[c] = m++;
  const colOf = new Int32Array(m);
  for (let c = 0; c < 2 * P; c++) if (compact[c] >= 0) colOf[compact[c]] = c;
  const outPtr = new Int32Array(l + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let w = 0;
  for (let p = 0; p < l; p++) {
    for (let z = rowPtr[p]; z < rowPtr[p + 1]; z++) {
      const v = value[z];
      if (v === 0) continue;
      col[w] = v > 0 ? compact[pairIndex[z]] : compact[P + pairIndex[z]];
      val[w] = Math.abs(v);
      w++;
    }
    outPtr[p + 1] = w;
  }
  return { rows: l, cols: m, rowPtr: outPtr, col: col.slice(0, w), val: val.slice(0, w), colOf, P };
}

/** The transpose (CSC of the same matrix): for each column its rows, ascending. */
export function transposeCsr(a: SignSplit): { colPtr: Int32Array; row: Int32Array; val: Float64Array } {
  const { rows, cols, rowPtr, col, val } = a;
  const colPtr = new Int32Array(cols + 1);
  for (let z = 0; z < col.length; z++) colPtr[col[z] + 1]++;
  for (let c = 0; c < cols; c++) colPtr[c + 1] += colPtr[c];
  const next = colPtr.slice(0, cols);
  const row = new Int32Array(col.length);
  const tval = new Float64Array(col.length);
  for (let p = 0; p < rows; p++)
    for (let z = rowPtr[p]; z < rowPtr[p + 1]; z++) {
      const d = next[col[z]]++;
      row[d] = p;
      tval[d] = val[z];
    }
  return { colPtr, row, val: tval };
}

/** G = A A^T (l x l, dense row-major): sum over columns of the outer products of their few non-zeros. */
export function rowGram(a: SignSplit): Float64Array {
  const l = a.rows;
  const t = transposeCsr(a);
  const G = new Float64Array(l * l);
  for (let c = 0; c < a.cols; c++) {
    const s = t.colPtr[c];
    const e = t.colPtr[c + 1];
    for (let x = s; x < e; x++) {
      const rx = t.row[x] * l;
      const vx = t.val[x];
      for (let y = x; y < e; y++) G[rx + t.row[y]] += vx * t.val[y];
    }
  }
  for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) G[j * l + i] = G[i * l + j];
  return G;
}

/** Orthonormalize the b columns (each of length l, stored one after another) in place; twice for stability. */
function orthonormalize(Q: Float64Array, l: number, b: number, rnd: () => number): void {
  let restarts = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < b; j++) {
      const oj = j * l;
      let before = 0;
      for (let r = 0; r < l; r++) before += Q[oj + r] * Q[oj + r];
      for (let i = 0; i < j; i++) {
        const oi = i * l;
        let d = 0;
        for (let r = 0; r < l; r++) d += Q[oi + r] * Q[oj + r];
        for (let r = 0; r < l; r++) Q[oj + r] -= d * Q[oi + r];
      }
      let nrm = 0;
      for (let r = 0; r < l; r++) nrm += Q[oj + r] * Q[oj + r];
      if (!(nrm > 1e-20 * before)) {
        // G of rank < b left only rounding noise here: restart the column from fresh noise.
        if (++restarts > 100 * b)
          throw new Error('orthonormalize: no independent direction left (non-finite input?)');
        for (let r = 0; r < l; r++) Q[oj + r] = rnd() - 0.5;
        j--;
        continue;
      }
      nrm = Math.sqrt(nrm);
      for (let r = 0; r < l; r++) Q[oj + r] /= nrm;
    }
  }
}

/**
 * The top-k eigenpairs of the symmetric PSD l x l matrix G by seeded subspace iteration with
 * Rayleigh-Ritz (block of k + 10), stopping when the top-k Ritz values settle. Returns eigenvalues
 * (descending) and eigenvectors (k columns of length l, one after another).
 */
export function topEigen(
  applyG: (Q: Float64Array, Z: Float64Array, b: number) => void,
  l: number,
  k: number,
  seed: number,
): { values: Float64Array; vectors: Float64Array; iterations: number } {
  const kk = Math.min(k, l);
  const b = Math.min(kk + 10, l);
  const rnd = seededUniform(seed, 0x5eed);
  let Q = Float64Array.from({ length: l * b }, () => rnd() - 0.5);
  orthonormalize(Q, l, b, rnd);
  let Z = new Float64Array(l * b);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * l);
  let prev = new Float64Array(kk).fill(NaN);
  let it = 0;
  for (; it < 300; it++) {
    applyG(Q, Z, b);
    // Rayleigh-Ritz on span(Q): T = Q^T G Q.
    const T = new Matrix(b, b);
    for (let i = 0; i < b; i++)
      for (let j = i; j < b; j++) {
        let s = 0;
        for (let r = 0; r < l; r++) s += Q[i * l + r] * Z[j * l + r];
        T.set(i, j, s);
        T.set(j, i, s);
      }
    const evd = new EigenvalueDecomposition(T, { assumeSymmetric: true });
    const ev = evd.realEigenvalues;
    const order = Array.from({ length: b }, (_, i) => i).sort((x, y) => ev[y] - ev[x] || x - y);
    // Each of the top k settled relative to itself (a small eigenvalue's vector is what NNDSVD uses
    // too), with a floor so that zero eigenvalues of a low-rank A do not hold the loop up.
    let change = 0;
    const floor = 1e-6 * Math.max(ev[order[0]], 1e-300);
    for (let j = 0; j < kk; j++) {
      const e = ev[order[j]];
      change = Math.max(change, Math.abs(e - prev[j]) / Math.max(Math.abs(e), floor));
    }
    if (change < 1e-12 || it === 299) {
      // Ritz vectors: Q rotated by T's eigenvectors, largest eigenvalue first.
      const V = evd.eigenvectorMatrix;
      for (let j = 0; j < kk; j++) {
        values[j] = Math.max(ev[order[j]], 0);
        const oj = j * l;
        for (let i = 0; i < b; i++) {
          const v = V.get(i, order[j]);
          const oi = i * l;
          for (let r = 0; r < l; r++) vectors[oj + r] += v * Q[oi + r];
        }
      }
      break;
    }
    prev = Float64Array.from({ length: kk }, (_, j) => ev[order[j]]);
    // Next basis: orthonormalized G Q.
    const tmp = Q;
    Q = Z;
    Z = tmp;
    orthonormalize(Q, l, b, rnd);
  }
  return { values, vectors, iterations: it + 1 };
}

/** Z = G Q for a dense symmetric l x l G (Q, Z: b columns of length l). */
export function denseApply(
  G: Float64Array,
  l: number,
): (Q: Float64Array, Z: Float64Array, b: number) => void {
  return (Q, Z, b) => {
    for (let j = 0; j < b; j++) {
      const oj = j * l;
      for (let i = 0; i < l; i++) {
        const gi = i * l;
        let s = 0;
        for (let r = 0; r < l; r++) s += G[gi + r] * Q[oj + r];
        Z[oj + i] = s;
      }
    }
  };
}

/** Z = A (A^T Q) without forming A A^T: cheaper than the dense Gram when nnz(A) < l^2 / 2. */
export function sparseApply(a: SignSplit): (Q: Float64Array, Z: Float64Array, b: number) => void {
  const l = a.rows;
  let Y = new Float64Array(0);
  return (Q, Z, b) => {
    if (Y.length !== a.cols * b) Y = new Float64Array(a.cols * b);
    else Y.fill(0);
    for (let p = 0; p < l; p++)
      for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) {
        const v = a.val[z];
        const o = a.col[z] * b;
        for (let j = 0; j < b; j++) Y[o + j] += v * Q[j * l + p];
      }
    for (let p = 0; p < l; p++) {
      for (let j = 0; j < b; j++) Z[j * l + p] = 0;
      for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) {
        const v = a.val[z];
        const o = a.col[z] * b;
        for (let j = 0; j < b; j++) Z[j * l + p] += v * Y[o + j];
      }
    }
  };
}

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

/**
 * One coordinate-descent sweep over W (n x k) for min ||X - W Ht^T|| given HHt = Ht^T Ht and
 * XHt = X Ht: scikit-learn's `_update_cdnmf_fast`, each coordinate set to its exact non-negative
 * minimizer given the others (HALS). sklearn loops components outside and rows inside; rows do not
 * interact, so looping rows outside gives the same values with one cache-friendly pass.
 * Returns the sum of |projected gradient| (sklearn's violation).
 */
function cdSweepRows(W: Float64Array, n: number, k: number, HHt: Float64Array, XHt: Float64Array): number {
  let violation = 0;
  for (let i = 0; i < n; i++) violation += cdRow(W, i * k, k, HHt, XHt, i * k);
  return violation;
}

/** M^T M for a row-major n x k matrix. */
function crossprod(M: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const va = M[o + a];
      if (va === 0) continue;
      for (let b = a; b < k; b++) out[a * k + b] += va * M[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) out[b * k + a] = out[a * k + b];
  return out;
}

/** How NMF starts: scikit-learn's NNDSVD, or the pairs grouped by locality profile (see nmfInit.ts). */
export type NmfInit = 'nndsvd' | 'profiles';

export interface NmfOptions {
  signal?: AbortSignal;
  /** Worker thread for half of each H step: 'auto' (large A, two cores), or forced; the result is the same. */
  threads?: 'auto' | 'one' | 'two';
  /** Start of the CD iterations; 'nndsvd' (scikit-learn's) unless given. */
  init?: NmfInit;
  onProgress?: (fraction: number) => void;
  /** Iteration cap (400) and tolerance on violation / first violation (1e-4), as scikit-learn. */
  maxIter?: number;
  tol?: number;
}

/** The NMF proper on a sign-split A: returns W (l x k), Ht (m x k), iterations, relative error. */
export async function nmfSignSplit(
  a: SignSplit,
  k: number,
  seed: number,
  opts?: NmfOptions,
): Promise<{ W: Float64Array; Ht: Float64Array; iterations: number; error: number }> {
  const l = a.rows;
  const m = a.cols;
  const maxIter = opts?.maxIter ?? 400;
  const tol = opts?.tol ?? 1e-4;
  // No significant correlation anywhere: nothing to factorize, every module is empty.
  if (a.val.length === 0)
    return { W: new Float64Array(l * k), Ht: new Float64Array(m * k), iterations: 0, error: 0 };
  const { W, Ht } = opts?.init === 'profiles' ? profileInit(a, k) : nndsvd(a, k, seed);
  // Column-major A (Float32 is exact: A's values came from Float32). One pass over its columns per
  // iteration does the whole H step: gather (A^T W)[c] from the small W, update Ht[c], then add the
  // new Ht[c] into Ht^T Ht and into A Ht (also small, l x k) for the next W step.
  const t = transposeCsr(a);
  const colPtr = t.colPtr;
  const rowIdx = t.row;
  const val = Float32Array.from(t.val);
  const XHt = new Float64Array(l * k);
  let HHt: Float64Array = new Float64Array(k * k);
  /** Ht^T Ht and A Ht from the current Ht (before the first W step). */
  const products = (): void => {
    XHt.fill(0);
    for (let c = 0; c < m; c++) {
      const h = c * k;
      for (let z = colPtr[c]; z < colPtr[c + 1]; z++) {
        const v = val[z];
        const o = rowIdx[z] * k;
        for (let r = 0; r < k; r++) XHt[o + r] += v * Ht[h + r];
      }
    }
    HHt = crossprod(Ht, m, k);
  };
  products();
  // The H step runs over two halves of the columns, the second on a worker thread when one is free.
  const hstep = new HStep(colPtr, rowIdx, val, m, k, l, Ht, opts?.threads);
  let first = 0;
  let iterations = 0;
  let shown = 0;
  let last = performance.now();
  try {
    await checkpoint(opts?.signal);
    for (let it = 1; it <= maxIter; it++) {
      iterations = it;
      let violation = cdSweepRows(W, l, k, HHt, XHt);
      const WtW = crossprod(W, l, k);
      violation += await hstep.run(W, WtW, HHt, XHt);
      if (it === 1) first = violation;
      if (first === 0 || violation / first <= tol) break;
      // Progress: iterations used or log-distance to the tolerance, whichever is further; never backwards.
      shown = Math.max(shown, it / maxIter, Math.min(1, Math.log(violation / first) / Math.log(tol)));
      opts?.onProgress?.(shown);
      if (performance.now() - last > 25) {
        await checkpoint(opts?.signal);
        last = performance.now();
      }
    }
    Ht.set(hstep.Ht);
  } finally {
    hstep.dispose();
  }
  return { W, Ht, iterations, error: relativeError(a, W, Ht, k) };
}

/** ||A - W Ht^T||_F / ||A||_F without forming W Ht^T: ||A||^2 - 2 <A Ht, W> + <W^T W, Ht^T Ht>. */
export function relativeError(a: SignSplit, W: Float64Array, Ht: Float64Array, k: number): number {
  let aa = 0;
  let cross = 0;
  for (let p = 0; p < a.rows; p++)
    for (let z = a.rowPtr[p]; z < a.rowPtr[p + 1]; z++) {
      const v = a.val[z];
      aa += v * v;
      const h = a.col[z] * k;
      const o = p * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += W[o + t] * Ht[h + t];
      cross += v * s;
    }
  if (aa === 0) return 0;
  const WtW = crossprod(W, a.rows, k);
  const HtH = crossprod(Ht, a.cols, k);
  let quad = 0;
  for (let i = 0; i < k * k; i++) quad += WtW[i] * HtH[i];
  return Math.sqrt(Math.max(aa - 2 * cross + quad, 0) / aa);
}

/** The signed patterns h_m = H[m, :P] - H[m, P:] (k x P) from Ht over the active columns. */
export function signedPatterns(a: SignSplit, Ht: Float64Array, k: number): Float32Array {
  const P = a.P;
  const out = new Float32Array(k * P);
  const acc = new Float64Array(k * P);
  for (let c = 0; c < a.cols; c++) {
    const orig = a.colOf[c];
    const q = orig < P ? orig : orig - P;
    const s = orig < P ? 1 : -1;
    for (let t = 0; t < k; t++) acc[t * P + q] += s * Ht[c * k + t];
  }
  out.set(acc);
  return out;
}

/** Step 3 with NMF: the modules of Step 2's correlations. */
export async function nmf(
  corr: LocalityCorrelations,
  p: { modules: number; seed: number; nmfInit?: NmfInit },
  opts?: NmfOptions,
): Promise<Factorization> {
  const k = p.modules;
  const a = signSplit(corr);
  const init = opts?.init ?? p.nmfInit ?? 'nndsvd';
  const { W, Ht, iterations, error } = await nmfSignSplit(a, k, p.seed, { ...opts, init });
  return { k, W, patterns: signedPatterns(a, Ht, k), iterations, error };
}

/**
 * Step 3: factorize Step 2's correlations into k modules, by NMF (default) or Boolean Asso.
 * Deterministic: the seed only fixes the start of the subspace iteration behind NNDSVD (the
 * 'profiles' start uses no randomness).
 */
export async function factorize(
  corr: LocalityCorrelations,
  p: { modules: number; factorization: 'nmf' | 'boolean'; seed: number; nmfInit?: NmfInit },
  opts?: NmfOptions & { asso?: AssoOptions },
): Promise<Factorization> {
  if (p.factorization === 'boolean') {
    await checkpoint(opts?.signal);
    const f = assoFactorize(signSplit(corr), corr, p.modules, opts?.asso ?? DEFAULT_ASSO);
    opts?.onProgress?.(1);
    return f;
  }
  return nmf(corr, p, opts);
}
