// How a result's row is named to a person: an .h5ad's own cell name, a text file's line, else its position in the
// file (Parquet, Arrow, NumPy). Only a text file's rows are lines the editor can open the file at.
import type { LavaResult } from './types';

type Named = { source: Pick<LavaResult['source'], 'file'> };

/** True when rowLines are lines of a text table (CSV, TSV, .txt), which an editor opens at that line. */
export function rowsAreLines(r: Named): boolean {
  return /\.(csv|tsv|txt)$/i.test(r.source.file);
}

/** What rowLines hold, as a table heading: "line" or "row" (a 1-based position). */
export function rowNumberHeading(r: Named): 'line' | 'row' {
  return rowsAreLines(r) ? 'line' : 'row';
}

/** "line 12", "AAACCTGAGAAGGCCT-1" (the file's name for it), or "row 5". */
export function rowTitle(r: Named & Pick<LavaResult, 'rowLines' | 'rowNames'>, row: number): string {
  const name = r.rowNames?.[row];
  return name ?? `${rowNumberHeading(r)} ${r.rowLines[row] ?? row + 1}`;
}
