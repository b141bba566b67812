// Incomplete rows: each dropped row is reported with its leftmost bad column; no row left is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepCompleteRows } from '../../../src/engine/prepare/badRows';
import { readTableBytes } from '../../../src/engine/read/table';
import { tableDataset } from '../../../src/engine/read/tableDataset';
import type { NumericColumn } from '../../../src/engine/types';
import { LavaInputError } from '../../../src/shared/errors';

const read = async (s: string) => tableDataset(await readTableBytes(new TextEncoder().encode(s), 'r.csv'));
const numeric = (t: Awaited<ReturnType<typeof read>>, names: string[]) =>
  names.map((n) => t.columns.find((c) => c.name === n) as NumericColumn);

test('rows with a bad cell in a checked column go; the example names the leftmost bad column', async () => {
  const t = await read('a,b,c\n1,2,3\n,x,3\n1,2,\n1,2,3\n7,,9\n');
  const notes: string[] = [];
  // Checked in another order than the file's: the example still names the leftmost column of the row.
  const { keptRows, droppedRows } = keepCompleteRows(t, numeric(t, ['c', 'b', 'a']), notes);
  assert.deepEqual(Array.from(keptRows), [0, 3]);
  assert.deepEqual(droppedRows, {
    count: 3,
    examples: [
      { line: 3, column: 'a' },
      { line: 4, column: 'c' },
      { line: 6, column: 'b' },
    ],
  });
  assert.deepEqual(notes, ['dropped 3 rows with missing values (first at line 3, column a)']);
  // A column not checked (a metadata column) drops nothing.
  assert.equal(keepCompleteRows(t, numeric(t, ['a']), []).droppedRows.count, 1);
});

test('no complete row: an error at the first bad cell', async () => {
  const t = await read('a,b\n1,\n,2\n');
  assert.throws(
    () => keepCompleteRows(t, numeric(t, ['a', 'b']), []),
    (e: unknown) => e instanceof LavaInputError && e.line === 2 && e.column === 2 && e.columnName === 'b',
  );
});
