// The top eigenpairs of a symmetric PSD matrix given only as a product (subspace iteration + Rayleigh-Ritz).
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededUniform } from '../random';

/** Z = G Q for the l x l matrix G and b columns of length l stored one after another (Q, Z). */
export type ApplyG = (Q: Float64Array, Z: Float64Array, b: number) => void;

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
  applyG: ApplyG,
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
export function denseApply(G: Float64Array, l: number): ApplyG {
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
