// Turns "colour by" (a metadata column or a module's activity) into a per-point palette index and a legend.
import { categoricalPalette, sequentialPalette, type Theme } from './colors';
import type { MetadataColumn, ModuleResult } from '../../src/shared/result/types';
import { toCategories } from '../../src/shared/result/columns';

export type ColorLegendSpec =
  | { kind: 'none' }
  | { kind: 'categorical'; title: string; entries: { label: string; color: string; count: number }[] }
  | { kind: 'sequential'; title: string; min: number; max: number; palette: string[] };

/** Per-point colours as indices into a small palette: a canvas can then fill one path per colour. */
export interface PointColoring {
  index: Uint16Array;
  palette: string[];
  legend: ColorLegendSpec;
}

/** More categories than this are folded into "other" (a legend of 200 ids helps nobody). */
export const MAX_CATEGORIES = 20;

export function uniformColoring(count: number, theme: Theme): PointColoring {
  return { index: new Uint16Array(count), palette: [theme.blue], legend: { kind: 'none' } };
}

/** Row i is labelled categories[codes[i]]: one colour per label (the most frequent ones), the rest as "other". */
export function categoricalColoring(
  title: string,
  categories: readonly string[],
  codes: ArrayLike<number>,
  theme: Theme,
): PointColoring {
  const perCode = new Float64Array(categories.length);
  for (let i = 0; i < codes.length; i++) perCode[codes[i]]++;
  const counts = new Map<string, number>();
  categories.forEach((label, c) => counts.set(label, (counts.get(label) ?? 0) + perCode[c]));
  for (const [label, n] of counts) if (n === 0) counts.delete(label);
  // Most frequent first, ties by natural order so "2" < "10" and the result does not depend on row order.
  const labels = Array.from(counts.keys()).sort(
    (a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b, undefined, { numeric: true }),
  );
  const shown = labels.length > MAX_CATEGORIES ? labels.slice(0, MAX_CATEGORIES - 1) : labels;
  shown.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const palette = categoricalPalette(shown.length);
  const slot = new Map<string, number>(shown.map((l, k) => [l, k]));
  const other = shown.length < labels.length ? palette.push(theme.muted) - 1 : -1;
  const slotOfCode = categories.map((label) => slot.get(label) ?? other);
  const index = new Uint16Array(codes.length);
  for (let i = 0; i < codes.length; i++) index[i] = slotOfCode[codes[i]];
  const entries = shown.map((label, k) => ({ label, color: palette[k], count: counts.get(label)! }));
  if (other >= 0) {
    const n = labels.slice(shown.length).reduce((s, l) => s + counts.get(l)!, 0);
    entries.push({ label: `other (${labels.length - shown.length})`, color: theme.muted, count: n });
  }
  return { index, palette, legend: { kind: 'categorical', title, entries } };
}

/** The smallest and largest finite value, [0, 0] when there is none. */
function finiteRange(values: ArrayLike<number | null>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > max ? [0, 0] : [min, max];
}

/**
 * Numbers to a sequential palette; non-finite values (missing metadata) get the muted colour. The scale runs
 * over the values' own range, or over `domain` when given (values outside it are clamped to its ends).
 */
export function sequentialColoring(
  title: string,
  values: ArrayLike<number | null>,
  theme: Theme,
  accent: string,
  levels = 32,
  domain?: [number, number],
): PointColoring {
  const [min, max] = domain ?? finiteRange(values);
  const palette = sequentialPalette(theme, accent, levels);
  const missing = palette.push(theme.muted) - 1;
  const span = max - min;
  const index = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) index[i] = missing;
    else index[i] = span > 0 ? Math.max(0, Math.min(levels - 1, Math.floor(((v - min) / span) * levels))) : levels - 1;
  }
  return {
    index,
    palette,
    legend: { kind: 'sequential', title, min, max, palette: palette.slice(0, levels) },
  };
}

/** Class labels stored as numbers (digits' 0..9): integers with few distinct values read as categories. */
export const MAX_NUMERIC_CATEGORIES = 12;

export function isCategoricalNumeric(values: ArrayLike<number>): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return false;
    seen.add(v);
    if (seen.size > MAX_NUMERIC_CATEGORIES) return false;
  }
  return seen.size > 0;
}

/** Largest activity over every module of a result: the top of the one activity scale the modules share. */
const largestActivity = new WeakMap<readonly ModuleResult[], number>();

export function activityScaleTop(modules: readonly ModuleResult[]): number {
  let top = largestActivity.get(modules);
  if (top === undefined) {
    top = 0;
    for (const m of modules) for (const a of m.activity) if (a > top) top = a;
    largestActivity.set(modules, top);
  }
  return top;
}

/**
 * A module's activity on the map. `shared`: one scale 0..(largest activity of any module), so a module active at
 * 0.17 at most looks paler than one reaching 0.66; else its own 0..max, to see where a faint module is strongest.
 */
export function activityColoring(
  modules: readonly ModuleResult[],
  m: ModuleResult,
  theme: Theme,
  accent: string,
  shared: boolean,
): PointColoring {
  const title = `M${m.id} activity (${shared ? 'one scale for all modules' : 'its own scale'})`;
  const top = shared ? activityScaleTop(modules) : finiteRange(m.activity)[1];
  return sequentialColoring(title, m.activity, theme, accent, 32, [0, top]);
}

export function metadataColoring(col: MetadataColumn, theme: Theme): PointColoring {
  if (col.kind === 'text') return categoricalColoring(col.name, col.categories, col.codes, theme);
  if (isCategoricalNumeric(col.values)) {
    const { categories, codes } = toCategories(Array.from(col.values, String));
    return categoricalColoring(col.name, categories, codes, theme);
  }
  return sequentialColoring(col.name, col.values, theme, theme.blue);
}
