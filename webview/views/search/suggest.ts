// What the search box offers for a query: features (a gene, a pixel), metadata columns, and metadata values
// (a label, a cell type), best matches first.
import type { LavaResult } from '../../../src/shared/result/types';
import { isCategoricalNumeric } from '../../util/pointColors';

export type Suggestion =
  | { kind: 'feature'; feature: string }
  | { kind: 'column'; column: string }
  | { kind: 'value'; column: string; value: string };

/** Distinct values of a column worth offering: labels and categories, not a measurement's every number. */
const MAX_VALUES = 200;

export function suggestionLabel(s: Suggestion): string {
  if (s.kind === 'feature') return s.feature;
  if (s.kind === 'column') return s.column;
  return `${s.column} = ${s.value}`;
}

export function suggestionHint(s: Suggestion): string {
  return s.kind === 'feature' ? 'feature: colour the map by it' : s.kind === 'column' ? 'column: colour by it' : 'value: its rows';
}

/** Every suggestion a result can make, in the order offered for equal matches: features, columns, values. */
export function allSuggestions(r: LavaResult): Suggestion[] {
  const out: Suggestion[] = r.features.map((feature) => ({ kind: 'feature', feature }));
  for (const c of r.metadata) out.push({ kind: 'column', column: c.name });
  for (const c of r.metadata) {
    if (c.kind === 'numeric' && !isCategoricalNumeric(c.values)) continue;
    const values = new Set<string>(c.kind === 'text' ? c.categories : []);
    if (c.kind === 'numeric')
      for (const v of c.values) {
        values.add(String(v));
        if (values.size > MAX_VALUES) break;
      }
    if (values.size > MAX_VALUES) continue;
    const sorted = [...values].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    for (const value of sorted) out.push({ kind: 'value', column: c.name, value });
  }
  return out;
}

/**
 * The suggestions matching `query` (case-insensitive): exact first, then prefix, then anywhere; within each,
 * in allSuggestions order. A value also matches by its own text ("3" finds "label = 3").
 */
export function suggest(all: readonly Suggestion[], query: string, limit = 12): Suggestion[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (s: Suggestion): number => {
    const texts = [suggestionLabel(s).toLowerCase(), ...(s.kind === 'value' ? [s.value.toLowerCase()] : [])];
    if (texts.some((t) => t === q)) return 0;
    if (texts.some((t) => t.startsWith(q))) return 1;
    return texts.some((t) => t.includes(q)) ? 2 : 3;
  };
  const buckets: Suggestion[][] = [[], [], []];
  for (const s of all) {
    const k = rank(s);
    if (k < 3) buckets[k].push(s);
  }
  return buckets.flat().slice(0, limit);
}
