// Resampling the sign-split locality x pair matrix: a subset of its rows (localities), for stability.
import { sampleDistinct, seededUniform } from '../random';
import { valuesLike, type SignSplit } from '../factorize/sparse';

/**
 * The rows `rows` (ascending locality indices) of A as a SignSplit over the same columns: columns that
 * have no non-zero left stay (their H stays zero under NMF), so patterns line up with the full fit's.
 */
export function rowSubset(a: SignSplit, rows: Int32Array): SignSplit {
  let nnz = 0;
  for (const p of rows) nnz += a.rowPtr[p + 1] - a.rowPtr[p];
  const rowPtr = new Int32Array(rows.length + 1);
  const col = new Int32Array(nnz);
  const val = valuesLike(a.val, nnz);
  let w = 0;
  rows.forEach((p, r) => {
    const s = a.rowPtr[p];
    const e = a.rowPtr[p + 1];
    col.set(a.col.subarray(s, e), w);
    val.set(a.val.subarray(s, e), w);
    w += e - s;
    rowPtr[r + 1] = w;
  });
  return { rows: rows.length, cols: a.cols, rowPtr, col, val, colOf: a.colOf, P: a.P };
}

/**
 * `count` draws of round(fraction * l) distinct localities each (ascending), from the seed's own stream:
 * subsampling without replacement, so a locality never counts twice in one fit (a bootstrap's duplicate
 * rows would weigh one place double and bend the fit toward it).
 */
export function localitySubsamples(l: number, fraction: number, count: number, seed: number): Int32Array[] {
  const rnd = seededUniform(seed, 0x7a57);
  const take = Math.max(1, Math.min(l, Math.round(fraction * l)));
  const out: Int32Array[] = [];
  for (let r = 0; r < count; r++) out.push(sampleDistinct(l, take, rnd));
  return out;
}
