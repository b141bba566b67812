// Row sets as ascending Int32Arrays (the selection's form): union, difference and membership in one pass.

/** Sorted, without repeats. */
export function normalizeRows(rows: ArrayLike<number>): Int32Array {
  const out = Int32Array.from(rows).sort();
  let n = 0;
  for (let k = 0; k < out.length; k++) if (k === 0 || out[k] !== out[k - 1]) out[n++] = out[k];
  return out.slice(0, n);
}

/** a ∪ b; both ascending. */
export function unionRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    if (i < a.length && a[i] === v) i++;
    if (j < b.length && b[j] === v) j++;
    out[n++] = v;
  }
  return out.slice(0, n);
}

/** a \ b; both ascending. */
export function subtractRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length);
  let j = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j >= b.length || b[j] !== a[i]) out[n++] = a[i];
  }
  return out.slice(0, n);
}

/** 1 for every row in `rows`, over `count` rows. */
export function rowMask(rows: ArrayLike<number>, count: number): Uint8Array {
  const mask = new Uint8Array(count);
  for (let k = 0; k < rows.length; k++) mask[rows[k]] = 1;
  return mask;
}
