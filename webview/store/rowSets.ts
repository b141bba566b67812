// Sets of rows as ascending Int32Arrays (the selection's form): made from any list, merged and subtracted in one pass.

/** Ascending distinct rows of `rows` that lie in [0, count): what a selection may hold, whatever it was given. */
export function normalizeRows(rows: ArrayLike<number>, count: number): Int32Array {
  const kept = Int32Array.from(rows).filter((r) => r >= 0 && r < count);
  kept.sort();
  let n = 0;
  for (let i = 0; i < kept.length; i++) if (n === 0 || kept[i] !== kept[n - 1]) kept[n++] = kept[i];
  return kept.slice(0, n);
}

/** Rows in a or b (both ascending and distinct). */
export function unionRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    if (i < a.length && a[i] === next) i++;
    if (j < b.length && b[j] === next) j++;
    out[n++] = next;
  }
  return out.slice(0, n);
}

/** Rows in a but not in b (both ascending and distinct). */
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

/** 1 for every row of the set, else 0: what the map's renderers read. */
export function rowMask(rows: ArrayLike<number>, count: number): Uint8Array {
  const mask = new Uint8Array(count);
  for (let k = 0; k < rows.length; k++) if (rows[k] >= 0 && rows[k] < count) mask[rows[k]] = 1;
  return mask;
}
