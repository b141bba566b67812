// Property: on any text built from the grammar's own characters (quotes, doubled quotes, every delimiter and line
// break, numbers, spaces, non-ASCII), in any chunking, the engine's reader and a small reference reader agree:
// the same header, cells, line numbers and column kinds, or an input error at the same line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTableChunks } from '../../../src/engine/read/table';
import type { Table } from '../../../src/engine/types';
import { LavaInputError } from '../../../src/shared/errors';
import { referenceRead, type RefResult } from './referenceCsv';
import { fuzz } from '../../fuzz';

const TOKENS = [
  'a',
  'b',
  'x',
  ' ',
  '1',
  '2.5',
  '-3e2',
  '0x1',
  ',',
  ';',
  '\t',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  'é',
  '日',
  '😀',
  '1,5',
];

/** A header that names its columns (letters, so the delimiter sniffing has something to count), then any body. */
const csvText = fc
  .record({
    bom: fc.boolean(),
    delimiter: fc.constantFrom(',', ';', '\t'),
    names: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 5 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    body: fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }),
  })
  .map(
    ({ bom, delimiter, names, eol, body }) =>
      (bom ? '\uFEFF' : '') + names.join(delimiter) + eol + body.join(''),
  );

async function* inChunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** The engine's reading as the reference states it. */
async function engineRead(text: string, chunk: number): Promise<RefResult> {
  const bytes = Buffer.from(text, 'utf8');
  let t: Table;
  try {
    t = await readTableChunks(inChunks(bytes, chunk), bytes.length, 'fuzz.csv', {});
  } catch (e) {
    if (!(e instanceof LavaInputError)) throw e;
    return { ok: false, line: e.line ?? -1, ...(e.column !== undefined ? { column: e.column } : {}) };
  }
  return {
    ok: true,
    delimiter: t.delimiter,
    header: t.header,
    lineOfRow: [...t.lineOfRow],
    columns: t.columns.map((c) =>
      c.kind === 'text'
        ? { kind: 'text', name: c.name, values: c.values }
        : { kind: 'numeric', name: c.name, values: [...c.values] },
    ),
  };
}

test('the CSV reader agrees with the reference reader on quoted grammar, whatever the chunking', async () => {
  await fc.assert(
    fc.asyncProperty(csvText, fc.constantFrom(1, 2, 7, 64, 1 << 20), async (text, chunk) => {
      assert.deepStrictEqual(await engineRead(text, chunk), referenceRead(text));
    }),
    fuzz(2000, 8_000),
  );
});

test('the reference reader itself: quoted cells, doubled quotes, blank lines, errors at the right place', () => {
  const ok = referenceRead('\uFEFFa;b\r\np;"x;""y""\ny"\n\n "q"r ;2\n');
  assert.deepEqual(ok, {
    ok: true,
    delimiter: ';',
    header: ['a', 'b'],
    lineOfRow: [2, 5],
    columns: [
      { kind: 'text', name: 'a', values: ['p', '"q"r'] },
      { kind: 'numeric', name: 'b', values: [NaN, 2] },
    ],
  });
  assert.deepEqual(referenceRead('a,b\n1,"2\n3,4\n'), { ok: false, line: 2, column: 2 });
  assert.deepEqual(referenceRead('a,b\n1,"2"x\n'), { ok: false, line: 2, column: 2 });
  assert.deepEqual(referenceRead('a,b\n1\n'), { ok: false, line: 2, column: 2 });
  assert.deepEqual(referenceRead('a;b\n1;2,5\n'), { ok: false, line: 2, column: 2 });
});
