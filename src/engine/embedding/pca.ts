// PCA of wide data before the approximate kNN: its distances in ~50 components are cheap and rank neighbours
// nearly as the full ones do (the candidates are then re-ranked with exact distances). The covariance comes
// from an evenly strided sample of rows (enough for the leading components), its leading eigenvectors from
// subspace iteration (ml-matrix's full eigendecomposition of 784 x 784 takes tens of seconds in V8).
import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import type { Pool } from '../parallel/pool';
import { sharedArray } from '../parallel/shared';
import { seededUniform } from '../random';
import type { Rows } from './knnKernels';

export interface PcaBasis {
  F: number;
  /** Components kept. */
  m: number;
  /** Column means (shared). */
  mean: Float64Array;
  /** m x F, one unit component per row, leading first, each with its largest entry positive (shared). */
  basis: Float64Array;
  /** The components' variances, leading first. */
  variance: Float64Array;
}

/** Rows in the covariance sample: the leading components of 784 pixels settle well below this. */
const SAMPLE_ROWS = 8192;
/** Parts of the covariance: fixed, so that the sum is the same bytes on any number of threads. */
const GRAM_PARTS = 8;
/** Extra directions of subspace iteration, its stop (relative change of the values) and its most rounds. */
const OVERSAMPLE = 10;
const TOLERANCE = 1e-9;
const MAX_ROUNDS = 200;
const PCA_STREAM = 31;

/**
 * The leading m principal components of the E x F rows of x (shared memory). `tolerance` stops the eigen
 * iteration (leadingEigen): the kNN search asks for 1e-3, which on Fashion-MNIST captures 99.9% of the
 * converged components' variance in 4 rounds instead of 30.
 */
export async function fitPca(
  x: Rows,
  E: number,
  F: number,
  m: number,
  pool: Pool,
  signal?: AbortSignal,
  tolerance = TOLERANCE,
): Promise<PcaBasis> {
  const mean = sharedArray(Float64Array, F);
  for (let i = 0; i < E; i++) for (let f = 0; f < F; f++) mean[f] += x[i * F + f];
  for (let f = 0; f < F; f++) mean[f] /= E;
  const S = Math.min(E, SAMPLE_ROWS);
  const rows = sharedArray(Int32Array, S);
  for (let s = 0; s < S; s++) rows[s] = Math.floor((s * E) / S);
  const parts = Math.min(GRAM_PARTS, S);
  const partial = sharedArray(Float64Array, parts * F * F);
  await pool.run('pcaGram', { x, F, rows, mean, out: partial }, parts, signal);
  const C = new Float64Array(F * F);
  for (let p = 0; p < parts; p++)
    for (let a = 0; a < F; a++) for (let b = a; b < F; b++) C[a * F + b] += partial[p * F * F + a * F + b];
  for (let a = 0; a < F; a++) for (let b = a; b < F; b++) C[b * F + a] = C[a * F + b] /= Math.max(S - 1, 1);
  const { vectors, values } = leadingEigen(C, F, Math.min(m, F), tolerance);
  const basis = sharedArray(Float64Array, vectors.length);
  basis.set(vectors);
  return { F, m: values.length, mean, basis, variance: values };
}

/** Every row of x in the components: E x m, row-major (shared). */
export async function projectRows(
  x: Rows,
  E: number,
  pca: PcaBasis,
  pool: Pool,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const out = sharedArray(Float32Array, E * pca.m);
  const args = { x, F: pca.F, E, m: pca.m, mean: pca.mean, basis: pca.basis, out };
  await pool.run('pcaProject', args, Math.min(E, 64), signal);
  return out;
}

/**
 * The m leading eigenpairs of the symmetric F x F matrix C: vectors m x F (row j = eigenvector j), values in
 * decreasing order. Subspace iteration on m + 10 directions with a Rayleigh-Ritz step each round, until the
 * variance the m leading directions capture (their values' sum) changes by less than `tolerance` (relative),
 * or after MAX_ROUNDS. The directions then capture the leading variance; single vectors whose values lie close
 * to the (m + 11)th may still be mixed with it, which does not matter for distances.
 */
export function leadingEigen(
  C: Float64Array,
  F: number,
  m: number,
  tolerance = TOLERANCE,
): { vectors: Float64Array; values: Float64Array } {
  const L = Math.min(F, m + OVERSAMPLE);
  let Q: Matrix;
  if (L === F) Q = Matrix.eye(F, F);
  else {
    const r = seededUniform(0, PCA_STREAM);
    Q = new Matrix(F, L);
    for (let i = 0; i < F; i++) for (let l = 0; l < L; l++) Q.set(i, l, r() - 0.5);
    Q = new QrDecomposition(Q).orthogonalMatrix;
  }
  let ritz = rayleighRitz(C, F, Q, m);
  for (let round = 0; L < F && round < MAX_ROUNDS; round++) {
    Q = new QrDecomposition(ritz.CQ).orthogonalMatrix;
    const next = rayleighRitz(C, F, Q, m);
    const before = ritz.values.reduce((s, v) => s + v, 0);
    const after = next.values.reduce((s, v) => s + v, 0);
    ritz = next;
    if (Math.abs(after - before) <= tolerance * Math.abs(after)) break;
  }
  return { vectors: ritz.vectors, values: ritz.values };
}

/** The eigenpairs of C within the span of Q's orthonormal columns, leading m first; also C Q for the next round. */
function rayleighRitz(
  C: Float64Array,
  F: number,
  Q: Matrix,
  m: number,
): { vectors: Float64Array; values: Float64Array; CQ: Matrix } {
  const CQ = times(C, F, Q);
  const T = Q.transpose().mmul(CQ);
  const eig = new EigenvalueDecomposition(T.add(T.transpose()).div(2), { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  const V = Q.mmul(eig.eigenvectorMatrix);
  const vectors = new Float64Array(m * F);
  const values = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const col = order[j][1];
    values[j] = order[j][0];
    let big = 0;
    for (let f = 0; f < F; f++) if (Math.abs(V.get(f, col)) > Math.abs(big)) big = V.get(f, col);
    const sign = big < 0 ? -1 : 1;
    for (let f = 0; f < F; f++) vectors[j * F + f] = sign * V.get(f, col);
  }
  return { vectors, values, CQ };
}

/** C (F x F, row-major) times Q (F x L). */
function times(C: Float64Array, F: number, Q: Matrix): Matrix {
  const L = Q.columns;
  const q = Q.to1DArray();
  const out = new Float64Array(F * L);
  for (let i = 0; i < F; i++)
    for (let k = 0; k < F; k++) {
      const c = C[i * F + k];
      if (c === 0) continue;
      for (let l = 0; l < L; l++) out[i * L + l] += c * q[k * L + l];
    }
  return Matrix.from1DArray(F, L, out);
}
