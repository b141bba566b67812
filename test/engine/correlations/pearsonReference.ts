// The textbook two-pass Pearson correlation, the reference the engine's and the worker's fast paths are checked against.

/** Pearson r of columns a and b of X (row-major, F columns) over the given rows; 0 when either is constant. */
export function pearson(
  X: ArrayLike<number>,
  F: number,
  rows: readonly number[],
  a: number,
  b: number,
): number {
  let ma = 0;
  let mb = 0;
  for (const r of rows) {
    ma += X[r * F + a];
    mb += X[r * F + b];
  }
  ma /= rows.length;
  mb /= rows.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const r of rows) {
    const da = X[r * F + a] - ma;
    const db = X[r * F + b] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}
