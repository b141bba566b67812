// Module names that mean something: the module's top features that really vary where it is active, and what its active samples mostly are.
import type { PreparedMetadata } from '../types';

/** A feature is near-constant over a set of rows when this share of them or more sit at its most common value. */
export const NEAR_CONSTANT_SHARE = 0.9;
/** A metadata column is categorical when it has at most this many distinct values. */
export const MAX_CATEGORIES = 30;
/** A category names a module when its share among the active rows is at least this times its share overall. */
export const MIN_LIFT = 1.5;

/** Share of `rows` at the feature's most common value (X: E x F row-major). */
export function modalShare(X: Float64Array, F: number, f: number, rows: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  let best = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = X[rows[i] * F + f];
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > best) best = c;
  }
  return rows.length ? best / rows.length : 1;
}

/**
 * The `count` features of largest weight that are not near-constant over the active rows; a pixel that is
 * 0 in 98 of 100 images correlates perfectly with another such pixel through the 2 others, which says
 * nothing a user can see. Falls back to the heaviest features when every one is near-constant.
 */
export function topFeatures(
  weights: ArrayLike<number>,
  X: Float64Array,
  F: number,
  rows: ArrayLike<number>,
  count: number,
): number[] {
  const order = Array.from({ length: F }, (_, f) => f)
    .filter((f) => weights[f] > 0)
    .sort((a, b) => weights[b] - weights[a] || a - b);
  const varying: number[] = [];
  for (const f of order) {
    if (varying.length === count) break;
    if (modalShare(X, F, f, rows) < NEAR_CONSTANT_SHARE) varying.push(f);
  }
  return varying.length > 0 ? varying : order.slice(0, count);
}

export interface Category {
  column: string;
  value: string;
  /** Share among the active rows, and overall. */
  share: number;
  base: number;
}

/** The most enriched category among the active rows over every categorical metadata column, or null. */
export function dominantCategory(metadata: PreparedMetadata[], rows: ArrayLike<number>, E: number): Category | null {
  let best: Category | null = null;
  for (const col of metadata) {
    const values = col.values as (string | number)[];
    const overall = new Map<string, number>();
    for (const v of values) overall.set(String(v), (overall.get(String(v)) ?? 0) + 1);
    if (overall.size > MAX_CATEGORIES || overall.size < 2) continue;
    const here = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const v = String(values[rows[i]]);
      here.set(v, (here.get(v) ?? 0) + 1);
    }
    for (const [value, c] of here) {
      const share = c / rows.length;
      const base = (overall.get(value) ?? 0) / E;
      if (share < MIN_LIFT * base) continue;
      if (!best || share > best.share || (share === best.share && value < best.value))
        best = { column: col.name, value, share, base };
    }
  }
  return best;
}

/** "pixel_3_17, pixel_4_16, pixel_3_9 · 92% label 7" (a text column's value alone: "92% item1"). */
export function moduleName(
  features: string[],
  top: number[],
  category: Category | null,
  numericColumns: Set<string>,
): string {
  const head = top.length ? top.map((f) => features[f]).join(', ') : '(empty)';
  if (!category) return head;
  const pct = Math.round(100 * category.share);
  const what = numericColumns.has(category.column) ? `${category.column} ${category.value}` : category.value;
  return `${head} \u00b7 ${pct}% ${what}`;
}
