// The inner loops of NMF's coordinate descent, alone in a file so that the H-step worker thread loads only them.

/** The CD update of one row (at offset o of M, length k) given its X-product at offset x of XN. */
export function cdRow(
  M: Float64Array,
  o: number,
  k: number,
  NN: Float64Array,
  XN: Float64Array,
  x: number,
): number {
  let violation = 0;
  for (let t = 0; t < k; t++) {
    let grad = -XN[x + t];
    const nt = t * k;
    for (let r = 0; r < k; r++) grad += NN[nt + r] * M[o + r];
    const w = M[o + t];
    violation += Math.abs(w === 0 ? Math.min(0, grad) : grad);
    const hess = NN[nt + t];
    if (hess !== 0) M[o + t] = Math.max(w - grad / hess, 0);
  }
  return violation;
}

/**
 * out[0..k) = column c of A times M (l x k, row-major): sum over the column's entries z of val[z] * M[row[z], .].
 * Four outputs at a time held in locals, so the column's few entries stay in cache across the groups; the sums
 * run in entry order, so every caller gets the same bytes as its own loop did. Used by NMF's H step (M = W) and
 * the profiles start's column-to-centre cosines (M = the centres, by locality).
 */
export function columnTimes(
  colPtr: Int32Array,
  row: Int32Array,
  val: Float32Array,
  c: number,
  M: Float64Array,
  k: number,
  out: Float64Array,
): void {
  const s = colPtr[c];
  const e = colPtr[c + 1];
  const k4 = k - (k % 4);
  for (let r0 = 0; r0 < k4; r0 += 4) {
    let x0 = 0, x1 = 0, x2 = 0, x3 = 0; // prettier-ignore
    for (let z = s; z < e; z++) {
      const v = val[z];
      const o = row[z] * k + r0;
      x0 += v * M[o];
      x1 += v * M[o + 1];
      x2 += v * M[o + 2];
      x3 += v * M[o + 3];
    }
    out[r0] = x0;
    out[r0 + 1] = x1;
    out[r0 + 2] = x2;
    out[r0 + 3] = x3;
  }
  for (let r = k4; r < k; r++) {
    let x = 0;
    for (let z = s; z < e; z++) x += val[z] * M[row[z] * k + r];
    out[r] = x;
  }
}

/**
 * The H step of one iteration in a single pass over A's columns c0..c1-1: gather (A^T W)[c] from the small W,
 * CD-update Ht[c], then add the new Ht[c] into Ht^T Ht and A Ht (both small) for the next W step.
 * l1 > 0 adds l1 * sum(H) to the objective (the gradient of every entry grows by l1: nmf.ts `sparseness`).
 * A plain function (not inside the async loop) so that V8 optimizes it on its own.
 */
export function hPass(
  colPtr: Int32Array,
  rowIdx: Int32Array,
  val: Float32Array,
  c0: number,
  c1: number,
  k: number,
  W: Float64Array,
  WtW: Float64Array,
  Ht: Float64Array,
  HHt: Float64Array,
  XHt: Float64Array,
  xtw: Float64Array,
  l1 = 0,
): number {
  let violation = 0;
  const k4 = k - (k % 4);
  XHt.fill(0);
  HHt.fill(0);
  for (let c = c0; c < c1; c++) {
    const s = colPtr[c];
    const e = colPtr[c + 1];
    columnTimes(colPtr, rowIdx, val, c, W, k, xtw);
    if (l1 !== 0) for (let r = 0; r < k; r++) xtw[r] -= l1;
    const h = c * k;
    violation += cdRow(Ht, h, k, WtW, xtw, 0);
    for (let x = 0; x < k; x++) {
      const hx = Ht[h + x];
      if (hx === 0) continue;
      for (let y = x; y < k; y++) HHt[x * k + y] += hx * Ht[h + y];
    }
    for (let r0 = 0; r0 < k4; r0 += 4) {
      const h0 = Ht[h + r0];
      const h1 = Ht[h + r0 + 1];
      const h2 = Ht[h + r0 + 2];
      const h3 = Ht[h + r0 + 3];
      if (h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0) continue;
      for (let z = s; z < e; z++) {
        const v = val[z];
        const o = rowIdx[z] * k + r0;
        XHt[o] += v * h0;
        XHt[o + 1] += v * h1;
        XHt[o + 2] += v * h2;
        XHt[o + 3] += v * h3;
      }
    }
    for (let r = k4; r < k; r++) {
      const hr = Ht[h + r];
      if (hr !== 0) for (let z = s; z < e; z++) XHt[rowIdx[z] * k + r] += val[z] * hr;
    }
  }
  for (let x = 0; x < k; x++) for (let y = x + 1; y < k; y++) HHt[y * k + x] = HHt[x * k + y];
  return violation;
}
