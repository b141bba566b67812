// Column names are data: printed raw, a header could set the terminal's title (ESC ] 0 ; ... BEL), recolour
// it, or break an error into several lines. Everything the CLI prints from the data is escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lava, tempDir } from './helpers';
import { printable } from '../../src/shared/printable';

const TITLE = '\u001b]0;PWNED\u0007';
const RED = '\u001b[31m';

/** Nothing that a terminal would act on: no C0/C1 control but the final newline, no bidi override. */
function assertInert(text: string) {
  const body = text.replace(/\n$/, '');
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  assert.doesNotMatch(body, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(text));
}

function data(dir: string, header: string[]): string {
  const p = join(dir, 'd.csv');
  const rows = Array.from({ length: 60 }, (_, i) => `${i % 7},${(i * 3) % 11},${i},${(i * i) % 13},5`);
  writeFileSync(p, `${header.join(',')}\n${rows.join('\n')}\n`);
  return p;
}

test('printable escapes controls, line breaks and bidi overrides, and leaves other text alone', () => {
  assert.equal(printable(`a${TITLE}b`), 'a\\e]0;PWNED\\x07b');
  assert.equal(printable('two\nlines\r\tand\u202eevil\u0085'), 'two\\nlines\\r\\tand\\u202eevil\\x85');
  assert.equal(printable('café, 日本, "quoted"'), 'café, 日本, "quoted"');
});

test('the summary prints a header with terminal escapes escaped, on one line', () => {
  const dir = tempDir();
  // The constant column is named in the summary's note.
  const csv = data(dir, ['x', 'y', 'a', 'b', `"c${TITLE}${RED}"`]);
  const r = lava(['explain', csv, '--modules', '2']);
  assert.equal(r.code, 0, r.stderr);
  assertInert(r.stdout);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.match(r.stdout, /constant feature: c\\e\]0;PWNED\\x07\\e\[31m/);
});

test('an error naming a column with a line break or an escape stays one inert line', () => {
  const dir = tempDir();
  const csv = data(dir, ['x', 'y', 'a', 'b', '"c\nd"']);
  const r = lava(['explain', csv, '--features', 'a,c\nd', '--metadata', 'c\nd']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.split('\n').length, 2, `one line: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, /\(column "c\\nd"\)/);
  const esc = lava(['explain', csv, '--embedding', `x,${TITLE}`]);
  assert.equal(esc.code, 2);
  assertInert(esc.stderr);
  assert.match(esc.stderr, /embedding column "\\e\]0;PWNED\\x07" is not in the header/);
});
