// Reading a result's flat columns: one locality's rows, a text column's value at a row, text values as categories.
import type { Localities, MetadataColumn } from './types';

/** Locality p's kept-row numbers (a view into `members`, not a copy). */
export function membersOf(loc: Localities, p: number): Int32Array {
  return loc.members.subarray(p * loc.size, (p + 1) * loc.size);
}

/** A metadata column's value at `row` as shown to a person: the text, or the number (NaN where empty). */
export function metadataValue(col: MetadataColumn, row: number): string | number {
  return col.kind === 'text' ? col.categories[col.codes[row]] : col.values[row];
}

/** Text values as a category column: distinct values in order of first appearance, and each row's index. */
export function toCategories(values: ArrayLike<string>): { categories: string[]; codes: Int32Array } {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = index.get(values[i]);
    if (c === undefined) index.set(values[i], (c = index.size));
    codes[i] = c;
  }
  return { categories: [...index.keys()], codes };
}
