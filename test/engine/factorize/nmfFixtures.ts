// Shared by the NMF tests: a dense signed locality x pair matrix as Step 2's sparse output, and cosine.
import type { LocalityCorrelations } from '../../../src/engine/types';

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
