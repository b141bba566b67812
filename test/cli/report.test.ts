// `lava report`: the report beside the result by default, never written over the result or its data, a damaged or
// missing result refused in one line naming the file (and the key), an existing report left whole when refused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lava, tempDir } from './helpers';

const DIGITS = resolve(__dirname, '../../examples/digits.csv');
let dir = '';
let data = '';
let result = '';

before(() => {
  dir = tempDir('lava-cli-report-');
  data = join(dir, 'digits.csv');
  copyFileSync(DIGITS, data);
  result = join(dir, 'digits.lava.json');
  const r = lava(['explain', data, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
});

test('lava report RESULT writes RESULT.report.html beside it and says what it wrote', () => {
  const r = lava(['report', result]);
  assert.equal(r.code, 0, r.stderr);
  const out = join(dir, 'digits.report.html');
  assert.match(r.stdout, /^wrote .*digits\.report\.html: 8 modules, 1797 points, \d\.\d\d MB\n$/);
  assert.match(readFileSync(out, 'utf8'), /data-testid="report-root" data-module-count="8" data-point-count="1797"/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
});

test('--out naming the result or its data file is refused and both stay as they were', () => {
  const before = [readFileSync(result), readFileSync(data)];
  for (const out of [result, data, join(dir, '.', 'digits.csv')]) {
    const r = lava(['report', result, '--out', out]);
    assert.equal(r.code, 2, `--out ${out}: ${r.stderr}`);
    assert.match(r.stderr, /^lava: .*--out names an input file/);
  }
  assert.deepEqual([readFileSync(result), readFileSync(data)], before);
});

test('a damaged result: one line naming the file and the key, exit 2, an existing report left whole', () => {
  const bad = join(dir, 'bad.lava.json');
  const json = JSON.parse(readFileSync(result, 'utf8')) as { embedding: { dims: unknown } };
  json.embedding.dims = 'two';
  writeFileSync(bad, JSON.stringify(json));
  const out = join(dir, 'kept.html');
  writeFileSync(out, 'an earlier report');
  const r = lava(['report', bad, '--out', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.ok(r.stderr.includes(bad), `names the file: ${r.stderr}`);
  assert.match(r.stderr, /embedding\.dims/);
  assert.equal(readFileSync(out, 'utf8'), 'an earlier report');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
});

test('a missing result file and a bad command line exit 2 with one line', () => {
  const missing = lava(['report', join(dir, 'nope.lava.json'), '--out', join(dir, 'x.html')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^lava: .*nope\.lava\.json.*cannot read the result \(ENOENT\)/);
  assert.equal(existsSync(join(dir, 'x.html')), false);
  assert.equal(lava(['report']).code, 2);
  assert.equal(lava(['report', result, '--colour']).code, 2);
  const help = lava(['report', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: lava report RESULT\.json \[--out REPORT\.html\]/);
});
