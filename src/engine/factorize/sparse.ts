// The sparse matrices of Step 3: the sign-split locality x pair matrix A, the one transpose, and A's Gram products.
import type { LocalityCorrelations } from '../types';
import type { ApplyG } from './eigen';

/** A sparse matrix as CSR: for each row, the column indices of its non-zeros, ascending. */
export interface Csr {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  col: Int32Array;
}

/** A matrix's values: A's are Float32 (Step 2's correlations are, so |r| is exact in it), half of Float64's memory. */
export type Values = Float32Array | Float64Array;

/** n zeros of the same type as `v`. */
export function valuesLike(v: Values, n: number): Values {
  return v instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/** A CSR with values. */
export interface CsrValues extends Csr {
  val: Values;
}

/**
 * A non-negative l x m sparse matrix (CSR) over the *active* columns of A: the columns (pair q for the
 * positive part, P + q for the negative part) with at least one non-zero. Other columns of A are all
 * zero, and both NNDSVD and coordinate descent keep H exactly zero there (zero gradient, zero start),
 * so dropping them changes nothing but the cost: at F = 784, 2P = 613,872 while few are active.
 */
export interface SignSplit extends CsrValues {
  /** m: the column of A (0 .. 2P-1) of each active column, ascending. */
  colOf: Int32Array;
  P: number;
}

/**
 * Build the sign-split A over its active columns from Step 2's CSR; with `minLocalities` > 1, only over the
 * columns non-zero in at least that many localities (setting minPairLocalities: the others are dropped before
 * factorizing, so a dropped pair gets pattern weight 0). One count per column of A, then one pass: no copy of A.
 */
export function signSplit(corr: LocalityCorrelations, minLocalities = 1): SignSplit {
  const { P, count: l, rowPtr, pairIndex, value } = corr;
  const nnz = value.length;
  // first the localities each column is non-zero in, then its index among the kept columns (-1: not kept)
  const compact = new Int32Array(2 * P);
  for (let z = 0; z < nnz; z++) {
    const v = value[z];
    if (v > 0) compact[pairIndex[z]]++;
    else if (v < 0) compact[P + pairIndex[z]]++;
  }
  const least = Math.max(1, minLocalities);
  let m = 0;
  for (let c = 0; c < 2 * P; c++) compact[c] = compact[c] >= least ? m++ : -1;
  const colOf = new Int32Array(m);
  for (let c = 0; c < 2 * P; c++) if (compact[c] >= 0) colOf[compact[c]] = c;
  const outPtr = new Int32Array(l + 1);
  const col = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let w = 0;
  for (let p = 0; p < l; p++) {
    for (let z = rowPtr[p]; z < rowPtr[p + 1]; z++) {
      const v = value[z];
      const c = v > 0 ? compact[pairIndex[z]] : v < 0 ? compact[P + pairIndex[z]] : -1;
      if (c < 0) continue;
      col[w] = c;
      val[w] = Math.abs(v);
      w++;
    }
    outPtr[p + 1] = w;
  }
  // at Fashion-MNIST 70k these are 56 million entries each: no copy when every stored value was kept
  const used = w === nnz ? { col, val } : { col: col.slice(0, w), val: val.slice(0, w) };
  return { rows: l, cols: m, rowPtr: outPtr, ...used, colOf, P };
}

/**
 * The transpose as a CSR (= the CSC of `a`): for each column of `a`, its rows ascending, with their values
 * when `a` has values. A CSR of rows r and a CSC of columns c are the same arrays, so every solver's
 * "column -> rows" view comes from here.
 */
export function transpose(a: CsrValues): CsrValues;
export function transpose(a: Csr): Csr;
export function transpose(a: Csr & { val?: Values }): Csr & { val?: Values } {
  const { rows, cols, rowPtr, col, val } = a;
  const ptr = new Int32Array(cols + 1);
  for (let z = 0; z < col.length; z++) ptr[col[z] + 1]++;
  for (let c = 0; c < cols; c++) ptr[c + 1] += ptr[c];
  const next = ptr.slice(0, cols);
  const row = new Int32Array(col.length);
  const tval = val ? valuesLike(val, col.length) : undefined;
  for (let p = 0; p < rows; p++)
    for (let z = rowPtr[p]; z < rowPtr[p + 1]; z++) {
      const d = next[col[z]]++;
      row[d] = p;
      if (tval && val) tval[d] = val[z];
    }
  return tval
    ? { rows: cols, cols: rows, rowPtr: ptr, col: row, val: tval }
    : { rows: cols, cols: rows, rowPtr: ptr, col: row };
}

/** G = A A^T (l x l, dense row-major): sum over columns of the outer products of their few non-zeros. */
export function rowGram(a: CsrValues): Float64Array {
  const l = a.rows;
  const t = transpose(a);
  const G = new Float64Array(l * l);
  for (let c = 0; c < a.cols; c++) {
    const s = t.rowPtr[c];
    const e = t.rowPtr[c + 1];
    for (let x = s; x < e; x++) {
      const rx = t.col[x] * l;
      const vx = t.val[x];
      for (let y = x; y < e; y++) G[rx + t.col[y]] += vx * t.val[y];
    }
  }
  for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) G[j * l + i] = G[i * l + j];
  return G;
}

/** Z = A (A^T Q) without forming A A^T (Q, Z: b columns of length l): cheaper than the dense Gram when nnz(A) < l^2 / 2. */
export function sparseApply(a: CsrValues): ApplyG {
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
