// Columns with no value in any row (all cells empty or a missing-value marker) are read as text, so they would
// quietly become metadata: a note says so, and naming one as a feature or embedding column says what is wrong.
import { listNames } from './names';
import type { TextColumn } from '../types';
import type { Dataset } from '../read/dataset';
import { LavaInputError } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';

/** What pandas, R, Excel and SQL exports write for a missing value (compared in lower case). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '#n/a']);

const isEmpty = (c: Dataset['columns'][number]): c is TextColumn =>
  c.kind === 'text' && c.values.every((v) => MISSING.has(v.toLowerCase()));

/** Notes the empty columns; an input error when the run names one as a feature or embedding column. */
export function checkEmptyColumns(
  table: Pick<Dataset, 'file' | 'columns'>,
  params: LavaParams,
  notes: string[],
): void {
  const empty = table.columns.filter(isEmpty);
  if (empty.length === 0) return;
  for (const col of empty) {
    const key = params.features.includes(col.name)
      ? 'features'
      : params.embedding.includes(col.name)
        ? 'embedding'
        : null;
    if (key)
      throw new LavaInputError(
        'column has no value in any row (every cell is empty or a missing-value marker)',
        { file: table.file, line: 1, column: col.index + 1, columnName: col.name, option: key },
        `Fill the column, or leave it out of {option:${key}}.`,
      );
  }
  const names = empty.map((c) => c.name);
  notes.push(
    `column${names.length === 1 ? '' : 's'} ${listNames(names)} ${names.length === 1 ? 'has' : 'have'} no value in any row: not used as ${names.length === 1 ? 'a feature' : 'features'}`,
  );
}
