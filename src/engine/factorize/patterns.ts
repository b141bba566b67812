// The signed module patterns: a factorization's loadings on A's active columns folded back onto the P pairs.
import type { SignSplit } from './sparse';

/**
 * h_t = H[t, :P] - H[t, P:] (k x P, row-major) from Ht (m x k, row-major) over the active columns of A:
 * an active column of the positive part adds to its pair, one of the negative part subtracts.
 * NMF folds its real-valued H, Asso its 0/1 usage; sums run in Float64 and are stored once as Float32.
 */
export function signedPatterns(a: SignSplit, Ht: ArrayLike<number>, k: number): Float32Array {
  const P = a.P;
  const acc = new Float64Array(k * P);
  for (let c = 0; c < a.cols; c++) {
    const orig = a.colOf[c];
    const q = orig < P ? orig : orig - P;
    const s = orig < P ? 1 : -1;
    for (let t = 0; t < k; t++) acc[t * P + q] += s * Ht[c * k + t];
  }
  return Float32Array.from(acc);
}
