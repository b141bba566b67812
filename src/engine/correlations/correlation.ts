// Step 2: the thresholded feature-feature correlations inside every locality, as a sparse locality x pair matrix.
import { checkpoint } from '../errors';
import type { Localities, LocalityCorrelations } from '../types';
import { pairIndex } from '../../shared/result/pairs';
import { fisherThreshold } from './fisher';

/**
 * Fill the strict upper triangle of `out` (F x F, row-major) with the dot products of the rows of
 * `yT` (F x n, row-major: one feature's n values contiguous); the rest of `out` is left as is.
 *
 * 4 x 4 register blocks: each inner step loads 8 values for 16 multiply-adds, so the loop is bound by
 * arithmetic, not loads (~4x faster than one dot product at a time and ~12x faster than ml-matrix's
 * mmul on 500 x 784; bench/kernels/correlation.bench.ts). Float64 throughout: Float32 storage was
 * slower in V8 (a conversion on every load) as well as less accurate.
 */
// prettier-ignore
export function gramUpper(yT: Float64Array, F: number, n: number, out: Float64Array): void {
  const F4 = F - (F % 4);
  for (let i = 0; i < F4; i += 4) {
    const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
    for (let j = i; j < F4; j += 4) {
      const b0 = j * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < n; k++) {
        const x0 = yT[a0 + k], x1 = yT[a1 + k], x2 = yT[a2 + k], x3 = yT[a3 + k];
        const z0 = yT[b0 + k], z1 = yT[b1 + k], z2 = yT[b2 + k], z3 = yT[b3 + k];
        c00 += x0 * z0; c01 += x0 * z1; c02 += x0 * z2; c03 += x0 * z3;
        c10 += x1 * z0; c11 += x1 * z1; c12 += x1 * z2; c13 += x1 * z3;
        c20 += x2 * z0; c21 += x2 * z1; c22 += x2 * z2; c23 += x2 * z3;
        c30 += x3 * z0; c31 += x3 * z1; c32 += x3 * z2; c33 += x3 * z3;
      }
      let o = i * F + j;
      out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03; o += F;
      out[o] = c10; out[o + 1] = c11; out[o + 2] = c12; out[o + 3] = c13; o += F;
      out[o] = c20; out[o + 1] = c21; out[o + 2] = c22; out[o + 3] = c23; o += F;
      out[o] = c30; out[o + 1] = c31; out[o + 2] = c32; out[o + 3] = c33;
    }
  }
  // The last F % 4 columns, against every earlier row: one dot product at a time.
  for (let j = F4; j < F; j++) {
    const b = j * n;
    for (let i = 0; i < j; i++) {
      const a = i * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += yT[a + k] * yT[b + k];
      out[i * F + j] = s;
    }
  }
}

/** Average ranks (1-based; ties share the mean of their positions) of v[0..n), written to out[0..n). */
export function averageRanks(v: Float64Array, n: number, out: Float64Array, order: Int32Array): void {
  for (let s = 0; s < n; s++) order[s] = s;
  const ord = order.subarray(0, n);
  ord.sort((a, b) => v[a] - v[b] || a - b);
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && v[ord[e]] === v[ord[s]]) e++;
    const r = (s + 1 + e) / 2; // mean of positions s+1 .. e
    for (let t = s; t < e; t++) out[ord[t]] = r;
    s = e;
  }
}

/**
 * Gather the n member rows of one locality into yT (F x n), centre and scale each feature to unit
 * norm so that Y^T Y is the correlation matrix. A feature constant inside the locality (norm below
 * 1e-12 (1 + max|x|), as the reference) becomes zeros and is flagged in `undefinedOut` (length F).
 */
export function standardizeLocality(
  X: Float64Array,
  F: number,
  members: Int32Array,
  spearman: boolean,
  yT: Float64Array,
  undefinedOut: Uint8Array,
  scratch: { v: Float64Array; r: Float64Array; order: Int32Array },
): void {
  const n = members.length;
  for (let s = 0; s < n; s++) {
    const row = members[s] * F;
    for (let f = 0; f < F; f++) yT[f * n + s] = X[row + f];
  }
  for (let f = 0; f < F; f++) {
    const o = f * n;
    if (spearman) {
      for (let s = 0; s < n; s++) scratch.v[s] = yT[o + s];
      averageRanks(scratch.v, n, scratch.r, scratch.order);
      for (let s = 0; s < n; s++) yT[o + s] = scratch.r[s];
    }
    let mean = 0;
    let maxAbs = 0;
    for (let s = 0; s < n; s++) {
      const x = yT[o + s];
      mean += x;
      const a = Math.abs(x);
      if (a > maxAbs) maxAbs = a;
    }
    mean /= n;
    let ss = 0;
    for (let s = 0; s < n; s++) {
      const y = yT[o + s] - mean;
      yT[o + s] = y;
      ss += y * y;
    }
    const sd = Math.sqrt(ss);
    if (sd > 1e-12 * (1 + maxAbs)) {
      const inv = 1 / sd;
      for (let s = 0; s < n; s++) yT[o + s] = yT[o + s] * inv;
      undefinedOut[f] = 0;
    } else {
      yT.fill(0, o, o + n);
      undefinedOut[f] = 1;
    }
  }
}

/** A typed array that doubles when full: the CSR's unknown number of kept pairs. */
class Growable {
  idx = new Int32Array(1024);
  val = new Float32Array(1024);
  length = 0;
  push(q: number, r: number): void {
    if (this.length === this.idx.length) {
      const idx = new Int32Array(this.idx.length * 2);
      idx.set(this.idx);
      this.idx = idx;
      const val = new Float32Array(this.val.length * 2);
      val.set(this.val);
      this.val = val;
    }
    this.idx[this.length] = q;
    this.val[this.length] = r;
    this.length++;
  }
}

/**
 * Per locality: Pearson (or Spearman: Pearson on average ranks) correlations of its members' features,
 * keeping the pairs with |r| >= fisherThreshold(alpha, n), as CSR over localities. Yields to the event
 * loop about every 25 ms so that an abort can arrive; throws LavaCancelled when it has.
 */
export async function localityCorrelations(
  X: Float64Array,
  E: number,
  F: number,
  loc: Localities,
  p: { correlation: 'pearson' | 'spearman'; alpha: number },
  opts?: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<LocalityCorrelations> {
  if (X.length !== E * F)
    throw new Error(`localityCorrelations: X has ${X.length} values, expected ${E} x ${F}`);
  const l = loc.count;
  const n = loc.size;
  const P = (F * (F - 1)) / 2;
  const threshold = fisherThreshold(p.alpha, n);
  const spearman = p.correlation === 'spearman';
  const yT = new Float64Array(F * n);
  const Cm = new Float64Array(F * F);
  const defined = new Int32Array(F);
  const undefinedFeature = new Uint8Array(l * F);
  const scratch = { v: new Float64Array(n), r: new Float64Array(n), order: new Int32Array(n) };
  const rowPtr = new Int32Array(l + 1);
  const kept = new Growable();
  const signal = opts?.signal;
  await checkpoint(signal);
  let lastYield = performance.now();
  for (let loc_ = 0; loc_ < l; loc_++) {
    const members = loc.members.subarray(loc_ * n, (loc_ + 1) * n);
    standardizeLocality(
      X,
      F,
      members,
      spearman,
      yT,
      undefinedFeature.subarray(loc_ * F, (loc_ + 1) * F),
      scratch,
    );
    // Features constant here have no pairs to keep: pack the others to the front of yT so the
    // kernel skips them (image borders are often constant in a locality: fewer rows, squared gain).
    const undef = undefinedFeature.subarray(loc_ * F, (loc_ + 1) * F);
    let Fd = 0;
    for (let f = 0; f < F; f++) {
      if (undef[f]) continue;
      if (Fd !== f) yT.copyWithin(Fd * n, f * n, (f + 1) * n);
      defined[Fd++] = f;
    }
    gramUpper(yT, Fd, n, Cm);
    for (let a = 0; a < Fd; a++) {
      const i = defined[a];
      const rowStart = pairIndex(i, i + 1, F) - i - 1; // q of (i, j) = rowStart + j
      const row = a * Fd;
      for (let b = a + 1; b < Fd; b++) {
        let r = Cm[row + b];
        if (Math.abs(r) >= threshold && r !== 0) {
          // Rounding can push |r| a hair past 1 for (anti)collinear features.
          if (r > 1) r = 1;
          else if (r < -1) r = -1;
          kept.push(rowStart + defined[b], r);
        }
      }
    }
    rowPtr[loc_ + 1] = kept.length;
    opts?.onProgress?.((loc_ + 1) / l);
    if (performance.now() - lastYield > 25) {
      await checkpoint(signal);
      lastYield = performance.now();
    }
  }
  return {
    F,
    P,
    count: l,
    rowPtr,
    pairIndex: kept.idx.slice(0, kept.length),
    value: kept.val.slice(0, kept.length),
    undefinedFeature,
    threshold,
  };
}
