// The result's two file forms through encodeResult and decodeResult: what goes in comes out (activity within its
// quantization step), the same result gives the same bytes, plain and packed agree, and a damaged or stale
// file is refused with one line naming the key at fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeResult, float32Number } from '../../../src/shared/result/encode';
import { decodeResult } from '../../../src/shared/result/decode';
import { LavaInputError } from '../../../src/shared/errors';
import type { LavaResult } from '../../../src/shared/result/types';
import { makeFixture } from '../../webview/fixture';
import { assertSameResult } from './sameResult';

/** The webview fixture with an empty numeric cell (NaN) and a text column of many categories. */
function fixture(): LavaResult {
  const r = makeFixture();
  const score = r.metadata[1];
  if (score.kind !== 'numeric') throw new Error('fixture: score is numeric');
  score.values[7] = NaN;
  const ids = Array.from({ length: r.rowCount }, (_, i) => i % 300);
  r.metadata.push({
    name: 'id',
    kind: 'text',
    categories: ids.map((i) => `cell-${i}`),
    codes: Int32Array.from(ids),
  });
  return r;
}

test('packed: decode(encode(r)) holds the same values, activity within half its step (largest / 255 / 2)', () => {
  const r = fixture();
  const text = encodeResult(r);
  const back = decodeResult(text, 'r.lava.json');
  assertSameResult(back, r, { activity: 'quantized' });
  const score = back.metadata[1];
  assert.ok(score.kind === 'numeric' && Number.isNaN(score.values[7]), 'an empty cell stays empty');
  // Activity really is quantized in the packed form (else the tolerance above would hide nothing).
  const json = JSON.parse(text);
  const a = json.modules[0].activity;
  assert.deepEqual([a.dtype, typeof a.scale], ['uint8', 'number']);
  const max = Math.max(...r.modules[0].activity);
  assert.equal(a.scale, max / 255);
  assert.equal(json.metadata[2].codes.dtype, 'uint16', '300 categories need two bytes a code');
  assert.equal(json.localities.members.delta, r.localities.size, 'members delta-coded per locality');
  assert.equal(json.rowLines.delta, r.rowCount, 'row lines delta-coded as one run');
});

test('plain arrays: every array as JSON numbers or strings, decoded exactly (activity too)', () => {
  const r = fixture();
  const text = encodeResult(r, { plainArrays: true });
  const json = JSON.parse(text);
  assert.ok(Array.isArray(json.embedding.coords) && typeof json.embedding.coords[0] === 'number');
  assert.deepEqual(
    json.localities.members[0],
    Array.from(r.localities.members.subarray(0, r.localities.size)),
  );
  assert.equal(json.metadata[0].values[0], 'blob A');
  assert.equal(json.metadata[1].values[7], null, 'NaN is written as null');
  assert.equal(json.rowLines[3], 6);
  assertSameResult(decodeResult(text, 'plain.json'), r, { activity: 'exact' });
  // Plain and packed files of one result decode to the same result, but for the activity's quantization.
  assertSameResult(decodeResult(encodeResult(r), 'packed.json'), decodeResult(text, 'plain.json'), {
    activity: 'quantized',
  });
});

test('float32Number: the shortest decimal that reads back as the same Float32', () => {
  for (const v of [0.1, 1 / 3, 123456.789, 1e-30, -2.5, 3.4e38, 7]) {
    const f = Math.fround(v);
    const n = float32Number(f);
    assert.equal(Math.fround(n), f, `${v}`);
    // Its significant digits, and one fewer does not read back as f.
    let digits = 1;
    while (Number(n.toPrecision(digits)) !== n) digits++;
    if (digits > 1)
      assert.notEqual(Math.fround(Number(f.toPrecision(digits - 1))), f, `${n} is longer than needed`);
  }
  assert.equal(float32Number(Math.fround(0.1)), 0.1);
  assert.equal(float32Number(Math.fround(1 / 3)), 0.33333334);
  assert.equal(float32Number(-0), 0);
});

test('same result, same bytes; timings last, so they are the only part two identical runs differ in', () => {
  const a = encodeResult(fixture());
  assert.equal(encodeResult(fixture()), a);
  assert.equal(
    encodeResult(fixture(), { plainArrays: true }),
    encodeResult(fixture(), { plainArrays: true }),
  );
  assert.match(a, /,"timings":\{[^{}]*\}\}\n$/);
  const other = fixture();
  other.timings = { read: 99 };
  const cut = (t: string) => t.slice(0, t.lastIndexOf('"timings"'));
  assert.equal(cut(encodeResult(other)), cut(a));
});

/** The one-line problem of decoding `text`, which must fail as a LavaInputError naming `file`. */
function refusal(text: string, file = '/res/r.lava.json'): string {
  try {
    decodeResult(text, file);
  } catch (e) {
    assert.ok(e instanceof LavaInputError, `a LavaInputError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.equal(e.message.split('\n').length, 1, `one line: ${e.message}`);
    return e.message;
  }
  assert.fail('decoded without complaint');
}

/** A result file's JSON, edited freely by the tests below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** The fixture's file (packed, or plain arrays), changed by `edit`, back to text. */
function edited(edit: (json: Json) => void, plainArrays = false): string {
  const json = JSON.parse(encodeResult(fixture(), { plainArrays })) as Json;
  edit(json);
  return JSON.stringify(json);
}

test('a damaged array is refused naming its key: corrupt base64, wrong length, bad dtype, values out of range', () => {
  assert.match(
    refusal(edited((j) => (j.modules[1].activity.base64 = j.modules[1].activity.base64.slice(0, -8)))),
    /^\/res\/r\.lava\.json: not a valid LAVA result: modules\[1\]\.activity: its compressed data is corrupt/,
  );
  assert.match(
    refusal(edited((j) => (j.embedding.coords.base64 = '@@' + j.embedding.coords.base64))),
    /embedding\.coords: its base64 text is not valid base64/,
  );
  assert.match(
    refusal(edited((j) => (j.embedding.coords.length -= 1))),
    /embedding\.coords: it holds 2400 bytes, but length 599 of float32 needs 2396/,
  );
  assert.match(
    refusal(edited((j) => (j.modules[2].loadings.dtype = 'complex64'))),
    /modules\[2\]\.loadings\.dtype: Invalid option/,
  );
  assert.match(
    refusal(edited((j) => (j.localities.members.dtype = 'float32'))),
    /localities\.members: dtype float32 does not hold integers/,
  );
  assert.match(refusal(edited((j) => (j.rowCount = 299))), /rowLines: has 300 values, expected 299/);
  assert.match(
    refusal(edited((j) => (j.metadata[0].categories = ['blob A']))),
    /metadata\[0\]\.codes\[100\]: 1 is not an integer in \[0, 1\)/,
  );
  assert.match(
    refusal(edited((j) => (j.modules[0].featureWeights = [1]))),
    /modules\[0\]\.featureWeights: has 1 values, expected 9/,
  );
  assert.match(refusal(edited((j) => (j.params.neighbors = 0))), /params\.neighbors: neighbors must be >= 5/);
  assert.match(
    refusal(edited((j) => delete j.localities)),
    /localities: Invalid input: expected object, received undefined/,
  );
});

test('plain files are checked the same way: members in range, numbers where numbers belong', () => {
  const plain = (edit: (json: Json) => void) => edited(edit, true);
  assert.match(
    refusal(plain((j) => (j.localities.members[4][2] = 300))),
    /localities\.members\[122\]: 300 is not an integer in \[0, 300\)/,
  );
  assert.match(
    refusal(plain((j) => j.localities.members[8].pop())),
    /localities\.members\[8\]: has 29 rows, expected 30/,
  );
  assert.match(
    refusal(plain((j) => (j.embedding.coords[5] = null))),
    /embedding\.coords\[5\]: null is not a finite number/,
  );
  assert.match(
    refusal(plain((j) => (j.modules[0].activity[0] = 'high'))),
    /modules\[0\]\.activity\[0\]: Invalid input/,
  );
});

test('a version-1 file says it was made by an older version and to re-run; not JSON and foreign files are refused', () => {
  const v1 = refusal(JSON.stringify({ schemaVersion: 1, rowCount: 3, modules: [] }));
  assert.equal(
    v1,
    '/res/r.lava.json: made by an older version of LAVA Explorer (schemaVersion 1; this version reads 2). Re-run LAVA on the data to write it again.',
  );
  assert.match(
    refusal(edited((j) => (j.schemaVersion = 3))),
    /made by a newer version .*Update LAVA Explorer to read it\./,
  );
  assert.match(refusal('{"schemaVersion": 2'), /: not JSON \(/);
  assert.match(refusal('[1, 2]'), /not a valid LAVA result: not a JSON object/);
  assert.match(refusal('{"rows": []}'), /schemaVersion is missing/);
});

test("rows named by the file (an .h5ad's obs_names) round-trip as strings; a count that disagrees is refused", () => {
  const r = fixture();
  r.rowNames = Array.from({ length: r.rowCount }, (_, i) => `AAAC${String(i).padStart(4, '0')}-1`);
  for (const plainArrays of [false, true]) {
    const back = decodeResult(encodeResult(r, { plainArrays }), '/res/r.lava.json');
    assert.deepEqual(back.rowNames, r.rowNames);
  }
  assert.equal(decodeResult(encodeResult(fixture()), '/res/r.lava.json').rowNames, undefined, 'absent stays absent');
  const json = JSON.parse(encodeResult(r)) as { rowNames: string[] };
  json.rowNames.pop();
  assert.match(refusal(JSON.stringify(json)), /rowNames: has 299 names for 300 rows/);
});
