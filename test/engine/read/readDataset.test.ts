// One entry point for every format: the reader is chosen by extension, the CSV adapts to a Dataset with its
// file lines as row names, and options that do not apply to a format are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeRow } from '../../../src/engine/read/dataset';
import { formatOf, readDataset } from '../../../src/engine/read/readDataset';
import { readTableFile } from '../../../src/engine/read/table';
import { LavaInputError } from '../../../src/shared/errors';
import { formatFixtures, type Fixtures } from './formatFixtures';

const CSV = join(__dirname, '..', '..', 'data', 'ok', 'quoted-newlines.csv');
const fx = formatFixtures();
const skip = typeof fx === 'string' ? fx : false;
const F = fx as Fixtures;

test('formats are told by extension, whatever its case', () => {
  assert.equal(formatOf('a/b.H5AD'), 'h5ad');
  assert.equal(formatOf('x.feather'), 'arrow');
  assert.equal(formatOf('x.tsv'), 'csv');
  assert.equal(formatOf('x.npz'), 'npz');
  assert.equal(formatOf('x.xlsx'), null);
});

test('a CSV becomes a Dataset with the same columns, rows named by their file line', async () => {
  const table = await readTableFile(CSV);
  const ds = await readDataset(CSV);
  assert.equal(ds.format, 'csv');
  assert.deepEqual(ds.columns, table.columns);
  assert.equal(ds.rowCount, table.rowCount);
  assert.equal(ds.matrix, null);
  assert.equal(describeRow(ds.rowNames, 1), `line ${table.lineOfRow[1]}`);
  // Quoted newlines make lines and rows differ, so the adapter must carry the table's own line numbers.
  assert.notEqual(table.lineOfRow[table.rowCount - 1], table.rowCount + 1);
});

test('h5ad rows are named by obs_names, npy rows by position', { skip }, async () => {
  const h = await readDataset(F.path('cells_csr.h5ad'));
  assert.equal(describeRow(h.rowNames, 2), 'row "AAAC002-1"');
  const n = await readDataset(F.path('features_f4.npy'));
  assert.equal(describeRow(n.rowNames, 2), 'row 3');
});

test('an unknown extension and an option meant for another format are input errors', async () => {
  await assert.rejects(
    readDataset('data.sav'),
    (e: unknown) => e instanceof LavaInputError && /is not a data file this tool reads/.test(e.message),
  );
  // A spreadsheet, the commonest wrong file, gets the export hint.
  await assert.rejects(
    readDataset('data.xlsx'),
    (e: unknown) =>
      e instanceof LavaInputError &&
      /is a spreadsheet \(\.xlsx\)/.test(e.message) &&
      /Export it as CSV/.test(e.hint ?? ''),
  );
  await assert.rejects(
    readDataset('t.parquet', { layer: 'counts' }),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.option === 'layer' &&
      /does not apply to a parquet file/.test(e.message),
  );
});
