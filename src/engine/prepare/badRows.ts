// Rows with a missing or non-numeric cell in a column LAVA reads (features, embedding) are dropped, never imputed.
import type { DroppedRows, NumericColumn, Table } from '../types';
import { LavaInputError } from '../../shared/errors';

/** How many dropped rows are listed by line. */
const ROW_EXAMPLES = 10;

/**
 * The rows to keep (indices into the table, in file order) and those dropped, each example with the first
 * (leftmost) column that made it bad. Every row dropped is an input error; some are a note.
 */
export function keepCompleteRows(
  table: Table,
  checked: NumericColumn[],
  notes: string[],
): { keptRows: Int32Array; droppedRows: DroppedRows } {
  const n = table.rowCount;
  const firstBadColumn = new Int32Array(n).fill(-1);
  for (const col of checked) {
    for (let k = 0; k < col.bad.length; k++) {
      const r = col.bad[k];
      if (firstBadColumn[r] < 0 || col.index < firstBadColumn[r]) firstBadColumn[r] = col.index;
    }
  }
  let dropped = 0;
  const examples: { line: number; column: string }[] = [];
  for (let r = 0; r < n; r++) {
    if (firstBadColumn[r] < 0) continue;
    if (examples.length < ROW_EXAMPLES) {
      examples.push({ line: table.lineOfRow[r], column: table.header[firstBadColumn[r]] });
    }
    dropped++;
  }
  const E = n - dropped;
  const keptRows = new Int32Array(E);
  for (let r = 0, e = 0; r < n; r++) if (firstBadColumn[r] < 0) keptRows[e++] = r;
  if (dropped > 0) {
    const first = examples[0];
    notes.push(
      `dropped ${dropped} row${dropped === 1 ? '' : 's'} with missing values (first at line ${first.line}, column ${first.column})`,
    );
  }
  if (E === 0) {
    const first = examples[0];
    throw new LavaInputError(
      'every row has a missing or non-numeric value in a feature or embedding column',
      {
        file: table.file,
        line: first.line,
        column: firstBadColumn[0] + 1,
        columnName: first.column,
        option: 'features',
      },
      'Fill the missing values, or leave the incomplete columns out of {option:features}.',
    );
  }
  return { keptRows, droppedRows: { count: dropped, examples } };
}
