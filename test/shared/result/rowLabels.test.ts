// How rows are named to a person: a CSV's line, an .h5ad's cell name, another file's position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowNumberHeading, rowTitle, rowsAreLines } from '../../../src/shared/result/rowLabels';

const rowLines = Int32Array.from([2, 3, 5]);

test('a text table names rows by line; an .h5ad by its obs_names; .npy and Parquet by position', () => {
  const csv = { source: { file: 'data/cells.CSV' }, rowLines };
  assert.equal(rowsAreLines(csv), true);
  assert.equal(rowTitle(csv, 2), 'line 5');
  assert.equal(rowNumberHeading(csv), 'line');
  const h5ad = { source: { file: 'cells.h5ad' }, rowLines, rowNames: ['AAAC-1', 'AAAG-1', 'AACT-1'] };
  assert.equal(rowsAreLines(h5ad), false);
  assert.equal(rowTitle(h5ad, 1), 'AAAG-1');
  assert.equal(rowNumberHeading(h5ad), 'row');
  for (const file of ['x.npy', 'x.parquet', 'x.arrow']) {
    assert.equal(rowTitle({ source: { file }, rowLines }, 0), 'row 2', file);
  }
});
