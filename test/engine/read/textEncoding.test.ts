// A CSV's text encoding: UTF-16 (either byte order, with or without a BOM) reads as its UTF-8 twin, whatever the
// chunking; binary files (a zip such as .xlsx, zero bytes) are refused by name instead of read as garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTableBytes, readTableChunks } from '../../../src/engine/read/table';
import { readHeader } from '../../../src/engine/read/header';
import { rejectsInput } from './rejectsInput';

const CSV = 'x;y;nom\r\n1.5e0;2;"café\nünï"\n3;4;日本\n';
const utf8 = Buffer.from(CSV, 'utf8');
const utf16le = Buffer.from(CSV, 'utf16le');
/** UTF-16 big-endian: node has no encoder for it, so swap each pair of a little-endian encoding. */
const utf16be = Buffer.from(utf16le).swap16();
const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);

async function* inChunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

test('UTF-16 with or without a byte order mark, either byte order, reads as the same table as UTF-8', async () => {
  const want = await readTableBytes(utf8, 'u.csv');
  assert.equal(want.delimiter, ';');
  const cases = {
    'LE with BOM': Buffer.concat([BOM_LE, utf16le]),
    'BE with BOM': Buffer.concat([BOM_BE, utf16be]),
    'LE without BOM': utf16le,
    'BE without BOM': utf16be,
  };
  for (const [name, bytes] of Object.entries(cases)) {
    // 1-byte and 3-byte chunks split the BOM, the code units and the surrogate-free CJK characters.
    for (const size of [1, 3, 1 << 20]) {
      const t = await readTableChunks(inChunks(bytes, size), bytes.length, 'u.csv', {});
      assert.deepEqual(t.header, want.header, `${name}, chunks of ${size}`);
      assert.deepEqual(t.columns, want.columns, `${name}, chunks of ${size}`);
      assert.deepEqual([...t.lineOfRow], [...want.lineOfRow], `${name}: line numbers of the text`);
    }
  }
});

test("the options wizard's header reader decodes UTF-16 the same way", () => {
  for (const head of [Buffer.concat([BOM_LE, utf16le]), Buffer.concat([BOM_BE, utf16be]), utf16le]) {
    assert.deepEqual(readHeader(head, 'u.csv'), { names: ['x', 'y', 'nom'], delimiter: ';' });
  }
});

test('a zip archive (an .xlsx) or bytes with zeros are refused as not CSV text, naming the file', async () => {
  const xlsx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 7)]);
  await rejectsInput(
    () => readTableBytes(xlsx, 'book.xlsx'),
    /book\.xlsx: is a zip archive.*Export it as CSV/,
    {
      file: 'book.xlsx',
    },
  );
  const binary = Buffer.concat([Buffer.from('x,y\n1,2\n'), Buffer.from([0, 1, 2, 0]), Buffer.from('\n')]);
  await rejectsInput(() => readTableBytes(binary, 'b.csv'), /b\.csv: holds zero bytes.*UTF-8/);
  // Whatever the chunking, the same first bytes decide.
  await rejectsInput(
    () => readTableChunks(inChunks(binary, 1), binary.length, 'b.csv', {}),
    /holds zero bytes/,
  );
  assert.throws(() => readHeader(xlsx, 'book.xlsx'), /is a zip archive/);
});
