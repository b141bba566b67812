// Step 2's arithmetic: one locality's members standardized (Pearson, or Spearman on average ranks) and their Gram
// matrix, which is then their correlation matrix (localityKernel.ts keeps its pairs past the threshold).

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
