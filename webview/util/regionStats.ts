// What sets a selection of rows apart: each module's activity inside vs outside (effect size), and the make-up of
// its metadata (label counts inside vs overall). Pure, over the result the webview already holds.
import type { LavaResult, MetadataColumn } from '../../src/shared/result/types';
import { metadataValue } from '../../src/shared/result/columns';
import { isCategoricalNumeric } from './pointColors';

export interface ModuleEffect {
  id: number;
  name: string;
  meanIn: number;
  meanOut: number;
  /** Cohen's d: (mean inside - mean outside) / pooled sd; +-Infinity when both sides are constant and differ. */
  d: number;
}

/** Mean and sum of squared deviations of `v` over the rows where mask is `side`. */
function moments(
  v: ArrayLike<number>,
  mask: Uint8Array,
  side: number,
): { n: number; mean: number; ss: number } {
  let n = 0;
  let mean = 0;
  let ss = 0;
  // Welford: activities are small numbers over many rows; one pass, no cancellation.
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] !== side) continue;
    n++;
    const delta = v[i] - mean;
    mean += delta / n;
    ss += delta * (v[i] - mean);
  }
  return { n, mean, ss };
}

/** Cohen's d of the rows where mask is 1 against the rest (pooled sd); 0 with fewer than 2 rows on a side. */
export function cohensD(
  v: ArrayLike<number>,
  mask: Uint8Array,
): { meanIn: number; meanOut: number; d: number } {
  const a = moments(v, mask, 1);
  const b = moments(v, mask, 0);
  const diff = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) return { meanIn: a.mean, meanOut: b.mean, d: 0 };
  const sd = Math.sqrt((a.ss + b.ss) / (a.n + b.n - 2));
  const d = sd > 0 ? diff / sd : diff === 0 ? 0 : diff * Infinity;
  return { meanIn: a.mean, meanOut: b.mean, d };
}

/** Every module, most more active inside than outside first (by d, then by the difference of means). */
export function moduleEffects(r: LavaResult, mask: Uint8Array): ModuleEffect[] {
  return r.modules
    .map((m) => ({ id: m.id, name: m.name, ...cohensD(m.activity, mask) }))
    .sort((x, y) => y.d - x.d || y.meanIn - y.meanOut - (x.meanIn - x.meanOut) || x.id - y.id);
}

export interface CategoryShare {
  value: string;
  inside: number;
  overall: number;
}

export interface ColumnMakeup {
  column: string;
  insideCount: number;
  total: number;
  /** Categories by count inside (then overall), at most `limit`; null for a numeric column. */
  categories: CategoryShare[] | null;
  /** Numeric columns: mean inside and overall. */
  meanIn?: number;
  meanAll?: number;
}

function categories(col: MetadataColumn, mask: Uint8Array, limit: number): CategoryShare[] {
  const counts = new Map<string, CategoryShare>();
  for (let i = 0; i < mask.length; i++) {
    const key = String(metadataValue(col, i));
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { value: key, inside: 0, overall: 0 }));
    c.overall++;
    if (mask[i]) c.inside++;
  }
  return [...counts.values()]
    .sort(
      (a, b) =>
        b.inside - a.inside ||
        b.overall - a.overall ||
        a.value.localeCompare(b.value, undefined, { numeric: true }),
    )
    .slice(0, limit);
}

function meanOf(values: ArrayLike<number>, mask: Uint8Array | null): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if ((mask === null || mask[i]) && Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n ? s / n : NaN;
}

/** Per metadata column: label counts inside vs overall (categorical), or the means inside and overall (numbers). */
export function metadataMakeup(r: LavaResult, mask: Uint8Array, limit = 8): ColumnMakeup[] {
  let insideCount = 0;
  for (const m of mask) insideCount += m;
  return r.metadata.map((c: MetadataColumn) => {
    const base = { column: c.name, insideCount, total: r.rowCount };
    if (c.kind === 'text' || isCategoricalNumeric(c.values))
      return { ...base, categories: categories(c, mask, limit) };
    return { ...base, categories: null, meanIn: meanOf(c.values, mask), meanAll: meanOf(c.values, null) };
  });
}
