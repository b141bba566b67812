// The selection's CSV: header, line numbers, metadata, map coordinates and module activities per row, quoted per RFC 4180.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, rowLineList, selectionCsv } from '../../src/extension/commands/selectionCsv';
import { makeFixture } from '../webview/fixture';
import { metadataValue } from '../../src/shared/result/columns';

test('one line per selected row: its file line, metadata, coordinates and every module activity', () => {
  const r = makeFixture();
  const text = selectionCsv(r, [2, 3, 150]);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'line,label,score,x,y,M0 activity,M1 activity,M2 activity');
  assert.equal(lines.length, 4);
  // The fixture drops file lines 5 and 40: row 2 is line 4, row 3 line 6, row 150 line 154.
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')[0]),
    ['4', '6', '154'],
  );
  const row150 = lines[3].split(',');
  assert.equal(row150[1], 'blob B');
  assert.equal(Number(row150[2]), metadataValue(r.metadata[1], 150));
  assert.equal(Number(row150[3]), r.embedding.coords[300]);
  assert.equal(Number(row150[4]), r.embedding.coords[301]);
  assert.deepEqual(
    row150.slice(5).map(Number),
    r.modules.map((m) => m.activity[150]),
  );
  assert.ok(text.endsWith('\n'));
});

test('fields with commas, quotes, line breaks or edge spaces are quoted; missing numbers are empty', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
  assert.equal(csvField(NaN), '');
  assert.equal(csvField(null), '');
  assert.equal(csvField(-0.25), '-0.25');
});

test("the clipboard gets the rows' line numbers", () => {
  assert.equal(rowLineList(makeFixture(), [0, 2, 3, 36, 37]), '2, 4, 6, 39, 41');
});

test('an .h5ad selection: rows by position and by the cell names the file gives, which are also what is copied', () => {
  const r = makeFixture();
  r.source = { ...r.source, file: '/data/cells.h5ad' };
  r.rowNames = Array.from({ length: r.rowCount }, (_, i) => `cell-${i}`);
  const lines = selectionCsv(r, [2, 150]).trimEnd().split('\n');
  assert.equal(lines[0], 'row,name,label,score,x,y,M0 activity,M1 activity,M2 activity');
  assert.deepEqual(lines[2].split(',').slice(0, 3), [String(r.rowLines[150]), 'cell-150', 'blob B']);
  assert.equal(rowLineList(r, [2, 150]), 'cell-2\ncell-150');
});
