// Rows with a missing or non-numeric cell in a column LAVA reads (features, embedding) are dropped, never imputed.
import { describeRow, type RowNames } from '../read/dataset';
import type { DroppedRows } from '../types';
import { LavaInputError } from '../../shared/errors';

/** How many dropped rows are listed by line. */
const ROW_EXAMPLES = 10;

/** The rows of the data being prepared: how many, how they are named, and the file (for errors). */
export interface RowSource {
  file: string;
  rowCount: number;
  rowNames: RowNames;
}

/** A column (or an embedding array) read for every row: `bad` holds its rows without a finite value. */
export interface CheckedValues {
  name: string;
  /** Position among the file's columns (0-based; CSV cells are index + 1); -1 for values not in a column. */
  index: number;
  bad: ArrayLike<number>;
}

/** The kept rows (in file order) and those dropped. */
export interface RowChoice {
  keptRows: Int32Array;
  droppedRows: DroppedRows;
}

/**
 * The rows to keep and those dropped, each example with the first (leftmost) column that made it bad. Every
 * row dropped is an input error; some are a note.
 */
export function keepCompleteRows(rows: RowSource, checked: CheckedValues[], notes: string[]): RowChoice {
  // Codes are positions in index order, so the smallest code of a row is its leftmost bad column.
  const byIndex = [...checked].sort((a, b) => a.index - b.index);
  const firstBad = new Int32Array(rows.rowCount).fill(-1);
  byIndex.forEach((col, code) => {
    for (let k = 0; k < col.bad.length; k++) {
      const r = col.bad[k];
      if (firstBad[r] < 0) firstBad[r] = code;
    }
  });
  return dropIncomplete(rows, firstBad, (code) => byIndex[code], notes);
}

/** The same from each row's first bad column as a code (-1 for a complete row) that `columnOf` names. */
export function dropIncomplete(
  rows: RowSource,
  firstBad: Int32Array,
  columnOf: (code: number) => Pick<CheckedValues, 'name' | 'index'>,
  notes: string[],
): RowChoice {
  const n = rows.rowCount;
  let dropped = 0;
  let firstRow = -1;
  const examples: { line: number; column: string }[] = [];
  for (let r = 0; r < n; r++) {
    if (firstBad[r] < 0) continue;
    if (firstRow < 0) firstRow = r;
    if (examples.length < ROW_EXAMPLES)
      examples.push({ line: lineOf(rows.rowNames, r), column: columnOf(firstBad[r]).name });
    dropped++;
  }
  const keptRows = new Int32Array(n - dropped);
  for (let r = 0, e = 0; r < n; r++) if (firstBad[r] < 0) keptRows[e++] = r;
  if (dropped > 0) {
    notes.push(
      `dropped ${dropped} row${dropped === 1 ? '' : 's'} with missing values (first at ${describeRow(rows.rowNames, firstRow)}, column ${examples[0].column})`,
    );
  }
  if (keptRows.length === 0) {
    const col = columnOf(firstBad[firstRow]);
    const csv = rows.rowNames.kind === 'line';
    throw new LavaInputError(
      'every row has a missing or non-numeric value in a feature or embedding column',
      {
        file: rows.file,
        ...(csv ? { line: examples[0].line } : {}),
        ...(csv && col.index >= 0 ? { column: col.index + 1 } : {}),
        columnName: col.name,
        option: 'features',
      },
      'Fill the missing values, or leave the incomplete columns out of {option:features}.',
    );
  }
  return { keptRows, droppedRows: { count: dropped, examples } };
}

/** The line a result lists a row at: its file line in a CSV, else its 1-based position. */
export function lineOf(names: RowNames, r: number): number {
  return names.kind === 'line' ? names.lineOfRow[r] : r + 1;
}
