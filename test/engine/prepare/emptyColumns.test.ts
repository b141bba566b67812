// A column with no value in any row is read as text; it must not vanish into the metadata without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTableBytes } from '../../../src/engine/read/table';
import { tableDataset } from '../../../src/engine/read/tableDataset';
import { prepare } from '../../../src/engine/prepare/prepare';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { LavaInputError } from '../../../src/shared/errors';

const rows = Array.from({ length: 30 }, (_, i) => `${i % 7},${i % 5},${i},${(i * 7) % 11},,NA`).join('\n');
const table = async () => ({
  data: tableDataset(await readTableBytes(new TextEncoder().encode(`x,y,a,b,gone,na\n${rows}\n`), 'e.csv')),
});

test('columns empty (or NA) in every row are noted as not used', async () => {
  const p = await prepare(await table(), DEFAULT_PARAMS);
  assert.deepEqual(p.features, ['a', 'b']);
  assert.ok(
    p.notes.includes('columns gone, na have no value in any row: not used as features'),
    p.notes.join('; '),
  );
});

test('naming an empty column as a feature says it is empty, not that it "holds text"', async () => {
  const t = await table();
  await assert.rejects(
    prepare(t, { ...DEFAULT_PARAMS, features: ['a', 'gone'] }),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.columnName === 'gone' &&
      e.column === 5 &&
      e.option === 'features' &&
      /no value in any row/.test(e.problem),
  );
});
