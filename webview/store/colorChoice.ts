// Which metadata column a new result is coloured by: a label with few levels (cell type, cluster, class), never
// an id (unique per row, or named like one), which would give every point its own colour.
import type { MetadataColumn } from '../../src/shared/result/types';
import { isIdName, labelRank } from '../../src/shared/columnNames';
import { isCategoricalNumeric } from '../util/pointColors';

/** More levels than this read as noise, not as groups. */
export const MAX_LEVELS = 40;

/** The column to colour by first, or null when none is a usable label (then the map shows a module's activity). */
export function defaultColorColumn(metadata: readonly MetadataColumn[]): string | null {
  const labels = metadata.filter((c) => !isIdName(c.name) && isFewLevels(c));
  // Cell types, then clusters, then other labels, then any other categorical column; the file's order within.
  const best = labels
    .map((c, i) => ({ c, i }))
    .sort((a, b) => labelRank(a.c.name) - labelRank(b.c.name) || a.i - b.i)[0];
  return best?.c.name ?? null;
}

/** Categorical with 2..MAX_LEVELS levels, and not a different value in (nearly) every row. */
function isFewLevels(c: MetadataColumn): boolean {
  if (c.kind === 'numeric' && !isCategoricalNumeric(c.values)) return false;
  // Text is stored as categories and codes: its levels are the categories rows use.
  const levels = c.kind === 'numeric' ? new Set(c.values).size : new Set(c.codes).size;
  const rows = c.kind === 'numeric' ? c.values.length : c.codes.length;
  return levels >= 2 && levels <= MAX_LEVELS && levels <= rows / 2;
}
