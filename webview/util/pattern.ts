// Module and locality patterns as the views use them: the shared codec and pair index, plus the F x F matrix form.
import { pairCount } from '../../src/shared/result/pairs';

/** Expands P upper-triangle weights into a symmetric F x F row-major matrix with a zero diagonal. */
export function patternToMatrix(pattern: Float32Array, F: number): Float32Array {
  if (pattern.length !== pairCount(F)) {
    throw new Error(`pattern has ${pattern.length} weights; ${F} features need ${pairCount(F)}`);
  }
  const m = new Float32Array(F * F);
  let q = 0;
  for (let i = 0; i < F; i++) {
    for (let j = i + 1; j < F; j++) {
      m[i * F + j] = pattern[q];
      m[j * F + i] = pattern[q];
      q++;
    }
  }
  return m;
}

/** Largest |w|, or 1 when all are zero (so scales never divide by zero). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < values.length; k++) {
    const a = Math.abs(values[k]);
    if (a > m) m = a;
  }
  return m > 0 ? m : 1;
}
