// Step 2: the thresholded feature-feature correlations inside every locality, as a sparse locality x pair matrix.
import { checkpoint } from '../errors';
import type { Localities, LocalityCorrelations } from '../types';
import { pairIndex } from '../../shared/result/pairs';


// Wichura's AS241 (PPND16): the standard normal quantile to about 1e-16 relative accuracy.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const EE = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const FF = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function poly(c: number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i];
  return s;
}

/** The standard normal quantile Phi^-1(p), 0 < p < 1 (AS241). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    v = poly(EE, r) / poly(FF, r);
  }
  return q < 0 ? -v : v;
}

/** |r| below which a correlation over n samples is not significant at level alpha (two-sided Fisher z). */
export function fisherThreshold(alpha: number, n: number): number {
  // -Phi^-1(alpha/2) rather than Phi^-1(1 - alpha/2): no cancellation for tiny alpha.
  const z = -inverseNormalCdf(alpha / 2);
  return Math.tanh(z / Math.sqrt(Math.max(n - 3, 1)));
}

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
