// What colours the map when a result comes or a colouring ends: a kept choice that still applies, else a label.
import type { LavaResult } from '../../src/shared/result/types';
import { defaultColorColumn } from './colorChoice';
import { COLOR_BY_MODULE } from './state';

/** The colour choice for a new result: the kept one if its column still exists, else a label, else activity. */
export function colorByFor(result: LavaResult, kept: string | null, selectedModule: number | null): string | null {
  const columns = result.metadata.map((c) => c.name);
  if (kept !== null && (kept === COLOR_BY_MODULE || columns.includes(kept))) return kept;
  // A label (digit, cell type) is what people look at first; otherwise the first module's activity.
  return defaultColorColumn(result.metadata) ?? (selectedModule !== null ? COLOR_BY_MODULE : null);
}
