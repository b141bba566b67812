// The options wizard's header: read from the head of the file only, by the engine's own rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_CHUNK, headerFrom, headerOfFile } from '../../src/extension/commands/dataHeader';
import { LavaInputError } from '../../src/shared/errors';
import { tempDir } from '../cli/helpers';

/** A reader over `bytes` that records each read. */
function reader(bytes: Uint8Array) {
  const reads: number[] = [];
  const read = async (offset: number, length: number) => {
    reads.push(offset);
    return bytes.subarray(offset, offset + length);
  };
  return { read, reads };
}

const enc = (s: string) => new TextEncoder().encode(s);

test('the header of a large file comes from its first chunk alone', async () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `${i},${i % 7},${i % 3}`).join('\n');
  const { read, reads } = reader(enc(`x,y,"a, quoted"\n${rows}\n`));
  assert.deepEqual(await headerFrom(read, 'big.csv'), ['x', 'y', 'a, quoted']);
  assert.deepEqual(reads, [0], 'one read at the start of the file');
});

test('a header longer than a chunk is read chunk by chunk until its line ends', async () => {
  const names = Array.from({ length: 12000 }, (_, i) => `feature_${i}`);
  const text = `${names.join(';')}\n${names.map(() => '1').join(';')}\n`;
  assert.ok(text.indexOf('\n') > HEAD_CHUNK * 2);
  const { read, reads } = reader(enc(text));
  assert.deepEqual(await headerFrom(read, 'wide.csv'), names);
  assert.deepEqual(reads, [0, HEAD_CHUNK, 2 * HEAD_CHUNK]);
});

test("the engine's rules: BOM, semicolons, a header with no line break, a bad header as the run reports it", async () => {
  assert.deepEqual(await headerFrom(reader(enc('\uFEFFa;b;"c;d"\r\n1;2;3\r\n')).read, 'f.csv'), [
    'a',
    'b',
    'c;d',
  ]);
  assert.deepEqual(await headerFrom(reader(enc('p\tq')).read, 'f.tsv'), ['p', 'q']);
  await assert.rejects(
    headerFrom(reader(enc('a,b,a\n1,2,3\n')).read, 'dup.csv'),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.file === 'dup.csv' &&
      e.column === 3 &&
      /duplicate column name "a"/.test(e.problem),
  );
});

test('headerOfFile reads a file on disk', async () => {
  const p = join(tempDir(), 'd.csv');
  writeFileSync(p, 'x,y,a\n1,2,3\n');
  assert.deepEqual(await headerOfFile(p), ['x', 'y', 'a']);
});

test('a 10 MB header line is read in a few growing reads, not re-parsed once per 64 KB chunk', async () => {
  const names = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`);
  const text = `${names.join(',')}\n1\n`;
  const { read, reads } = reader(enc(text));
  const got = await headerFrom(read, 'wide.csv');
  assert.equal(got.length, names.length);
  assert.equal(got[999_999], 'c999999');
  // Each read as long as everything before it: about log2(10 MB / 64 KB) reads instead of 150.
  assert.ok(reads.length <= 10, `${reads.length} reads`);
});
