// Tests of CSV reading: typed columns, delimiters, quoting, line numbers, and every bad-input error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTableBytes, readTableChunks, readTableFile } from '../../../src/engine/read/table';
import { parseCell } from '../../../src/engine/read/cells';
import { seededUniform } from '../../../src/engine/random';
import type { NumericColumn, Table, TextColumn } from '../../../src/engine/types';
import { LavaCancelled, LavaInputError } from '../../../src/shared/errors';

const FIX = join(__dirname, '..', '..', 'data');
const bad = (name: string): string => join(FIX, 'bad', name);
const ok = (name: string): string => join(FIX, 'ok', name);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function numeric(t: Table, name: string): NumericColumn {
  const c = t.columns.find((col) => col.name === name);
  assert.ok(c !== undefined && c.kind === 'numeric', `${name} should be numeric`);
  return c;
}
function text(t: Table, name: string): TextColumn {
  const c = t.columns.find((col) => col.name === name);
  assert.ok(c !== undefined && c.kind === 'text', `${name} should be text`);
  return c;
}

/** Runs `fn`, expects a LavaInputError, and checks where it points and what it says. */
async function rejectsInput(
  fn: () => Promise<unknown>,
  want: { line?: number; column?: number; message: RegExp; file?: string },
): Promise<LavaInputError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof LavaInputError, `expected LavaInputError, got ${String(err)}`);
    assert.equal(err.line, want.line, 'line');
    assert.equal(err.column, want.column, 'column');
    assert.match(err.message, want.message);
    if (want.file !== undefined) assert.equal(err.file, want.file);
    assert.ok(err.hint.length > 10, 'a hint says what to do');
    return err;
  }
  assert.fail('expected an error');
}

test('parseCell accepts decimal literals and rejects everything else', () => {
  const good: [string, number][] = [
    ['1e-3', 0.001],
    ['+2', 2],
    [' 3 ', 3],
    ['.5', 0.5],
    ['-4.25', -4.25],
    ['5.', 5],
    ['0', 0],
    ['-0', -0],
    ['1E3', 1000],
  ];
  for (const [s, v] of good) assert.equal(parseCell(s), v, s);
  for (const s of [
    '',
    '   ',
    '1,5',
    '12abc',
    '0x1A',
    '0b11',
    '0o7',
    'NaN',
    'nan',
    'Infinity',
    '-Infinity',
    '-inf',
    'inf',
    '1e999',
    'abc',
    '1_000',
    '--1',
  ])
    assert.ok(Number.isNaN(parseCell(s)), JSON.stringify(s));
});

test('reads typed columns, line numbers and the delimiter', async () => {
  const t = await readTableFile(ok('text-column.csv'));
  assert.deepEqual(t.header, ['x', 'y', 'f1', 'f2', 'name']);
  assert.equal(t.rowCount, 3);
  assert.equal(t.delimiter, ',');
  assert.deepEqual([...t.lineOfRow], [2, 3, 4]);
  assert.deepEqual([...numeric(t, 'f2').values], [2, 3, 5]);
  assert.ok(numeric(t, 'f2').values instanceof Float64Array);
  assert.deepEqual([...numeric(t, 'f2').bad], []);
  assert.deepEqual(text(t, 'name').values, ['alpha', 'beta', 'gamma']);
  assert.deepEqual(
    t.columns.map((c) => c.index),
    [0, 1, 2, 3, 4],
  );
});

test('quoted cells with newlines, doubled quotes and delimiters keep later line numbers right', async () => {
  const t = await readTableFile(ok('quoted-newlines.csv'));
  // Row 1 starts on line 2 and spans 2 lines; row 2 starts on line 4 and spans 3 (one of them blank).
  assert.deepEqual([...t.lineOfRow], [2, 4, 7]);
  assert.deepEqual(text(t, 'note').values, ['first line\nsecond line', 'say "hi", then\n\nleave', 'plain']);
  assert.deepEqual([...numeric(t, 'f1').values], [10, 20, 30]);
  assert.deepEqual([...numeric(t, 'x').values], [0.5, 1.5, 2.5]);
});

test('semicolon files: the delimiter comes from the header; "0,5" is not a number', async () => {
  const t = await readTableFile(ok('semicolon.csv'));
  assert.equal(t.delimiter, ';');
  assert.deepEqual(t.header, ['x', 'y', 'f1', 'f2']);
  const x = numeric(t, 'x');
  assert.ok(Number.isNaN(x.values[0]) && Number.isNaN(x.values[2]));
  assert.equal(x.values[1], 1);
  assert.deepEqual([...x.bad], [0, 2]);
  assert.deepEqual([...numeric(t, 'f2').values], [3, 4, 5]);
});

test('tab files, with commas inside cells', async () => {
  const t = await readTableFile(ok('tab.csv'));
  assert.equal(t.delimiter, '\t');
  assert.deepEqual(text(t, 'name').values, ['smith, john', 'doe, jane']);
  assert.deepEqual([...numeric(t, 'f1').values], [2, 3]);
});

test('UTF-8 BOM and CRLF, with a CRLF inside a quoted cell', async () => {
  const t = await readTableFile(ok('bom-crlf.csv'));
  assert.deepEqual(t.header, ['x', 'y', 'f1', 'note']);
  assert.deepEqual([...t.lineOfRow], [2, 4, 5]);
  assert.deepEqual(text(t, 'note').values, ['a\r\nb', 'c', 'd']);
  assert.deepEqual([...numeric(t, 'f1').values], [2, 3, 5]);
});

test('blank lines are skipped but counted; mixed line endings are accepted', async () => {
  const t = await readTableBytes(bytes('a,b\n1,2\n\n3,4\r\n5,6\r7,8\n\n'), 'mem.csv');
  assert.deepEqual([...t.lineOfRow], [2, 4, 5, 6]);
  assert.deepEqual([...numeric(t, 'b').values], [2, 4, 6, 8]);
});

test('text in a numeric column, NaN and Infinity become NaN cells listed in bad', async () => {
  const t = await readTableFile(bad('nan-inf.csv'));
  const f1 = numeric(t, 'f1');
  const f2 = numeric(t, 'f2');
  assert.deepEqual([...f1.bad], [1, 4]); // NaN, empty
  assert.deepEqual([...f2.bad], [2, 3]); // Infinity, -inf
  assert.deepEqual(
    [...f1.values].map((v) => (Number.isNaN(v) ? 'NaN' : v)),
    [1, 'NaN', 3, 4, 'NaN', 6, 7],
  );
  const u = await readTableFile(bad('text-in-numeric.csv'));
  assert.deepEqual([...numeric(u, 'f1').bad], [1]);
  assert.deepEqual([...numeric(u, 'f2').bad], [4]);
  assert.equal(u.lineOfRow[1], 3);
});

test('a column with no number at all (empty cells aside) is text; one number makes it numeric', async () => {
  const t = await readTableBytes(bytes('a,b,c\n,x,\nfoo,y,\n,z,2\n'), 'mem.csv');
  assert.deepEqual(text(t, 'a').values, ['', 'foo', '']);
  assert.deepEqual(text(t, 'b').values, ['x', 'y', 'z']);
  assert.deepEqual([...numeric(t, 'c').bad], [0, 1]);
  assert.equal(numeric(t, 'c').values[2], 2);
});

test('file and bytes give the same table, whatever the chunking (1-byte chunks split BOM, CRLF, quotes, UTF-8)', async () => {
  const path = ok('bom-crlf.csv');
  const raw = new Uint8Array(readFileSync(path));
  const a = await readTableFile(path);
  const b = await readTableBytes(raw, path);
  async function* oneByOne(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < raw.length; i++) yield raw.subarray(i, i + 1);
  }
  const c = await readTableChunks(oneByOne(), raw.length, path, {});
  const utf = bytes('x,y,nom\n1,2,"café ünï"\n3,4,日本\n');
  async function* utfOneByOne(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < utf.length; i++) yield utf.subarray(i, i + 1);
  }
  const d = await readTableChunks(utfOneByOne(), utf.length, 'u.csv', {});
  assert.deepEqual(text(d, 'nom').values, ['café ünï', '日本']);
  for (const t of [b, c]) {
    assert.deepEqual(t.header, a.header);
    assert.deepEqual([...t.lineOfRow], [...a.lineOfRow]);
    assert.deepEqual(t.columns, a.columns);
  }
});

test('progress rises to 1', async () => {
  const seen: number[] = [];
  await readTableFile(ok('quoted-newlines.csv'), { onProgress: (f) => seen.push(f) });
  assert.ok(seen.length >= 1);
  assert.equal(seen[seen.length - 1], 1);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1]);
});

test('an aborted signal cancels reading', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(readTableFile(ok('text-column.csv'), { signal: ac.signal }), LavaCancelled);
  // Abort during reading: 3 MB in memory, aborted at the first progress report.
  const big = bytes('a,b\n' + '1,2\n'.repeat(800_000));
  const ac2 = new AbortController();
  await assert.rejects(
    readTableBytes(big, 'big.csv', { signal: ac2.signal, onProgress: () => ac2.abort() }),
    LavaCancelled,
  );
});

test('empty file -> line 1', async () => {
  await rejectsInput(() => readTableFile(bad('empty.csv')), {
    line: 1,
    message: /empty/,
    file: bad('empty.csv'),
  });
});

test('header only -> line 2', async () => {
  await rejectsInput(() => readTableFile(bad('header-only.csv')), { line: 2, message: /no data rows/ });
});

test('ragged rows: line of the row, column of the first missing or extra cell', async () => {
  await rejectsInput(() => readTableFile(bad('ragged-short.csv')), {
    line: 4,
    column: 4,
    message: /ragged-short\.csv:4:4: row has 3 cells, header has 4/,
  });
  await rejectsInput(() => readTableFile(bad('ragged-long.csv')), {
    line: 3,
    column: 5,
    message: /row has 6 cells, header has 4/,
  });
  // The row after a multi-line quoted cell is reported at its own line.
  await rejectsInput(() => readTableBytes(bytes('a,b\n"1\n\n2",3\n4\n'), 'm.csv'), {
    line: 5,
    column: 2,
    message: /row has 1 cell, header has 2/,
  });
});

test('duplicate and empty column names -> line 1 and that column', async () => {
  await rejectsInput(() => readTableFile(bad('duplicate-name.csv')), {
    line: 1,
    column: 4,
    message: /duplicate column name "f1" \(also column 3\)/,
  });
  const e = await rejectsInput(() => readTableFile(bad('empty-name.csv')), {
    line: 1,
    column: 1,
    message: /empty column name/,
  });
  assert.match(e.hint, /index=False/);
});

test('an unclosed quote names the line where its row starts', async () => {
  await rejectsInput(() => readTableFile(bad('unclosed-quote.csv')), {
    line: 3,
    column: 3,
    message: /never closed/,
  });
});

test('quoted numbers are numbers; text after a closing quote is an error at its cell', async () => {
  const t = await readTableBytes(bytes('"a","b"\n"1.5"," 2 "\n'), 'q.csv');
  assert.deepEqual([...numeric(t, 'a').values], [1.5]);
  assert.deepEqual([...numeric(t, 'b').values], [2]);
  await rejectsInput(() => readTableBytes(bytes('a,b,c\n1,2,3\n4,"5"x,6\n'), 'q.csv'), {
    line: 3,
    column: 2,
    message: /text follows the closing quote/,
  });
});

test('unreadable paths: missing file and directory', async () => {
  const missing = join(FIX, 'no-such-file.csv');
  await rejectsInput(() => readTableFile(missing), { message: /not found/, file: missing });
  await rejectsInput(() => readTableFile(FIX), { message: /directory/, file: FIX });
  const underFile = join(FIX, 'ok', 'tab.csv', 'x.csv');
  await rejectsInput(() => readTableFile(underFile), { message: /not found/, file: underFile });
});

test('numbers read from bytes equal Number() bit for bit (random decimals, exponents, long mantissas)', async () => {
  const rnd = seededUniform(7);
  const cells: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const digits = 1 + Math.floor(rnd() * 19);
    let m = '';
    for (let k = 0; k < digits; k++) m += String(Math.floor(rnd() * 10));
    const dot = Math.floor(rnd() * (digits + 1));
    let s = rnd() < 0.8 ? m.slice(0, dot) + '.' + m.slice(dot) : m;
    if (rnd() < 0.3)
      s += (rnd() < 0.5 ? 'e' : 'E') + (rnd() < 0.5 ? '-' : '') + String(Math.floor(rnd() * 30));
    if (rnd() < 0.3) s = (rnd() < 0.7 ? '-' : '+') + s;
    if (rnd() < 0.05) s = ' ' + s + ' ';
    if (s === '.' || s === '-.' || s === '+.') s = '0';
    cells.push(s.startsWith('.') || /\d/.test(s) ? s : '0');
  }
  cells.push('1e308', '2.2250738585072014e-308', '5e-324', '0.1', '0.30000000000000004', '9007199254740993');
  const t = await readTableBytes(bytes('v\n' + cells.join('\n') + '\n'), 'n.csv');
  const v = numeric(t, 'v').values;
  for (let i = 0; i < cells.length; i++) assert.ok(Object.is(v[i], Number(cells[i])), `${cells[i]}: ${v[i]}`);
});

test('random quoted CSVs round-trip: cells, line numbers, any chunking', async () => {
  const rnd = seededUniform(11);
  const pieces = ['a', 'b', ' ', 'é', '日', ',', ';', '\t', '"', '\n', '\r\n', '\r', 'x"y', '""'];
  for (let trial = 0; trial < 40; trial++) {
    const delim = [',', ';', '\t'][trial % 3];
    const cols = 2 + Math.floor(rnd() * 4);
    const header = Array.from({ length: cols }, (_, j) => `c${j}`);
    const rows: string[][] = [];
    const lines: number[] = [];
    let csv = header.join(delim) + '\r\n';
    let line = 2;
    const nRows = 1 + Math.floor(rnd() * 12);
    for (let r = 0; r < nRows; r++) {
      const row: string[] = [];
      const written: string[] = [];
      for (let j = 0; j < cols; j++) {
        // Every cell starts with a letter so all columns stay text and compare as strings.
        let cell = 'a';
        const len = Math.floor(rnd() * 6);
        for (let k = 0; k < len; k++) cell += pieces[Math.floor(rnd() * pieces.length)];
        cell = cell.trimEnd();
        const needsQuotes =
          /[,;\t"\r\n]/.test(cell) && (cell.includes(delim) || /[\r\n]/.test(cell) || rnd() < 0.5);
        const unquotedOk = !cell.includes(delim) && !/[\r\n]/.test(cell);
        if (needsQuotes || !unquotedOk || rnd() < 0.2) written.push('"' + cell.replaceAll('"', '""') + '"');
        else written.push(cell);
        row.push(cell);
      }
      rows.push(row);
      lines.push(line);
      const rec = written.join(delim);
      csv += rec + (rnd() < 0.5 ? '\n' : '\r\n');
      line += 1 + (rec.match(/\r\n|\r|\n/g)?.length ?? 0);
    }
    const raw = bytes(csv);
    async function* chunked(): AsyncIterable<Uint8Array> {
      for (let at = 0; at < raw.length;) {
        const n = 1 + Math.floor(rnd() * 9);
        yield raw.subarray(at, at + n);
        at += n;
      }
    }
    const t = await readTableChunks(chunked(), raw.length, 'r.csv', {});
    assert.equal(t.delimiter, delim);
    assert.deepEqual(t.header, header);
    assert.deepEqual([...t.lineOfRow], lines, csv);
    for (let j = 0; j < cols; j++) {
      assert.deepEqual(
        text(t, `c${j}`).values,
        rows.map((r) => r[j].trim()),
        JSON.stringify(csv),
      );
    }
  }
});

test('numbers with a decimal comma in a semicolon or tab file: an error at the first one, not a text column', async () => {
  // "0" parses as a number, so without the check f1 would lose rows 2 and 4 rather than read as text.
  const e = await rejectsInput(() => readTableFile(bad('decimal-comma.csv')), {
    line: 2,
    column: 3,
    message:
      /:2:3: "2,5" is a number with a decimal comma.*\(column "f1"\)\. Save the file with decimal points/,
  });
  assert.equal(e.columnName, 'f1');
  await rejectsInput(() => readTableBytes(bytes('a\tb\n"1.234,5"\t2\n7,5\t3\n'), 't.tsv'), {
    line: 2,
    column: 1,
    message: /"1\.234,5" is a number with a decimal comma/,
  });
  // Other text in the column, or a comma-separated file (where such a cell must be quoted), stays text.
  const mixed = await readTableBytes(bytes('a;b\n1,5;2\nn/a;3\nlow;4\n'), 'm.csv');
  assert.deepEqual(text(mixed, 'a').values, ['1,5', 'n/a', 'low']);
  const comma = await readTableBytes(bytes('a,b\n"1,5",2\n"2,5",3\n'), 'c.csv');
  assert.deepEqual(text(comma, 'a').values, ['1,5', '2,5']);
});
