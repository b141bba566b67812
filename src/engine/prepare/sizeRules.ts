// What the number of usable rows allows: enough rows for a usable locality, and neighbours lowered to fit them.
import { lineOf, type RowSource } from './badRows';
import type { Prepared } from '../types';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/** Smallest locality that still gives a usable Fisher threshold (n - 3 > 0 with some room). */
export const MIN_NEIGHBOURS = 5;

/**
 * The params a run on `prepared` can use: neighbours n at most floor(E / 3) (lowered with a note), and an
 * input error (at a CSV's last data line) when E cannot give localities of MIN_NEIGHBOURS.
 */
export function fitToRows(
  rows: RowSource,
  prepared: Prepared,
  params: LavaParams,
): { params: LavaParams; notes: string[] } {
  const E = prepared.E;
  const need = 3 * MIN_NEIGHBOURS; // n = floor(E / 3) must reach MIN_NEIGHBOURS
  if (E < need) {
    const lastLine = rows.rowCount > 0 ? lineOf(rows.rowNames, rows.rowCount - 1) : 1;
    throw new LavaInputError(
      `too few rows: ${E} usable row${E === 1 ? '' : 's'}, LAVA needs at least ${need} (localities of ${MIN_NEIGHBOURS} or more)`,
      { file: rows.file, ...(rows.rowNames.kind === 'line' ? { line: lastLine } : {}) },
      prepared.droppedRows.count > 0
        ? `${prepared.droppedRows.count} rows were dropped for missing or non-numeric values; fix them or add rows.`
        : 'Add rows to the file.',
    );
  }
  const lowered = Math.floor(E / 3);
  if (params.neighbors <= lowered) return { params, notes: [] };
  return {
    params: { ...params, neighbors: lowered },
    notes: [`neighbours lowered from ${params.neighbors} to ${lowered} (floor of ${E} rows / 3)`],
  };
}
