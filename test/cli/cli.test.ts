// The `lava` command's contract: exit codes, one-line errors naming file/line/column, determinism,
// cancellation leaving nothing behind, the input never modified, the config file honoured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatePlanted, writePlanted } from '../../fixtures/planted';
import { lava, lavaAsync, tempDir } from './helpers';
import { PARAM_NAMES, PARAM_SPECS } from '../../src/shared/params/spec';
import { resultFromFile } from '../../src/engine/io/resultFile';
import { decodeResult } from '../../src/shared/result/decode';
import { assertSameResult } from '../shared/result/sameResult';

const DIGITS = resolve(__dirname, '../../examples/digits.csv');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
/** Everything before "timings", the one field that differs between identical runs (it is last on purpose). */
const withoutTimings = (text: string) => text.slice(0, text.lastIndexOf('"timings"'));

function plantedFile(seed = 5, samples = 1500): string {
  const dir = tempDir();
  const csv = join(dir, 'p.csv');
  writeFileSync(csv, generatePlanted(seed, { samples, features: 20, blobs: 5, modules: 3 }).csv);
  return csv;
}

test('--help prints usage and exits 0; no arguments exits 2', () => {
  const r = lava(['explain', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage: lava explain DATA \[options\]/);
  assert.equal(lava([]).code, 2);
  const bad = lava(['explain', 'x.csv', '--modules', 'many']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^lava: --modules must be a number \(run "lava explain --help" for usage\)\n$/);
  // A negative value is read as the value, not as a flag, and checked like any other.
  const negative = lava(['explain', 'x.csv', '--neighbors', '-5']);
  assert.equal(negative.code, 2);
  assert.match(negative.stderr, /^lava: --neighbors must be >= 5 and <= 100000 \(got -5\)/);
  assert.equal(negative.stderr.trim().split('\n').length, 1, `one line: ${negative.stderr}`);
  const unknown = lava(['explain', 'x.csv', '--modulez', '3']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trim().split('\n').length, 1, `one line: ${unknown.stderr}`);
});

test('--help lists a kebab-case flag for every option of the table, with its doc and default', () => {
  const usage = lava(['explain', '--help']).stdout;
  for (const name of PARAM_NAMES) {
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const line = usage.split('\n').find((l) => l.trimStart().startsWith(`${flag} `));
    assert.ok(line, `usage has ${flag}`);
    assert.ok(line.includes(PARAM_SPECS[name].doc), `${flag} shows its doc`);
  }
  assert.match(usage, /--umap-epochs N +UMAP epochs\. \(default: 200\)/);
  assert.match(usage, /--direct-bounds LO,HI .*\(default: -2,2\)/);
  assert.match(usage, /--correlation pearson\|spearman .*\(default: pearson\)/);
  assert.match(usage, /--no-umap +turn --umap off/);
});

test('same input, options and seed give the same bytes; another seed gives another result', () => {
  const csv = plantedFile();
  const a = join(tempDir(), 'a.json');
  const b = join(tempDir(), 'b.json');
  const c = join(tempDir(), 'c.json');
  assert.equal(lava(['explain', csv, '--out', a, '--quiet']).code, 0);
  assert.equal(lava(['explain', csv, '--out', b, '--quiet']).code, 0);
  assert.equal(lava(['explain', csv, '--out', c, '--quiet', '--seed', '1']).code, 0);
  const ta = readFileSync(a, 'utf8');
  assert.ok(ta.includes('"timings"'));
  assert.equal(withoutTimings(ta), withoutTimings(readFileSync(b, 'utf8')));
  assert.notEqual(withoutTimings(ta), withoutTimings(readFileSync(c, 'utf8')));
});

test('writes DATA.lava.json beside the data, leaves the input byte-identical, prints a summary', () => {
  const csv = plantedFile(6);
  const before = sha(csv);
  const r = lava(['explain', csv]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sha(csv), before);
  const out = csv.replace(/\.csv$/, '.lava.json');
  assert.ok(existsSync(out));
  assert.match(r.stdout, /Explained .*p\.csv: 1500 rows x 20 features/);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(json.schemaVersion, 2);
  assert.equal(json.embedding.coords.dtype, 'float32', 'per-row arrays are packed by default');
  const result = decodeResult(readFileSync(out, 'utf8'), out);
  for (const key of [
    'params',
    'features',
    'droppedFeatures',
    'droppedRows',
    'rowCount',
    'embedding',
    'probes',
    'localities',
    'alpha',
    'beta',
    'objective',
    'timings',
    'modules',
  ]) {
    assert.ok(key in result, `result has ${key}`);
  }
  assert.equal(result.modules.length, 8);
  const m = result.modules[0];
  assert.ok(m.activity instanceof Float32Array && m.activity.length === 1500);
  assert.ok(m.loadings instanceof Float32Array && m.loadings.length === result.localities.count);
  assert.equal(result.embedding.coords.length, 1500 * 2);
  assert.equal(result.localities.members.length, result.localities.count * result.localities.size);
  assert.equal(m.featureWeights.length, 20);
  assert.ok(m.pairs.length > 0 && m.pairs.length <= 190);
  for (let i = 1; i < m.pairs.length; i++) assert.ok(Math.abs(m.pairs[i - 1].r) >= Math.abs(m.pairs[i].r));
  assert.deepEqual(readdirSync(resolve(csv, '..')).sort(), ['p.csv', 'p.lava.json']);
});

test('--plain-arrays writes every per-row array as plain JSON numbers and strings; both forms decode alike', () => {
  const csv = plantedFile(8, 600);
  const packedOut = join(tempDir(), 'packed.json');
  const plainOut = join(tempDir(), 'plain.json');
  assert.equal(lava(['explain', csv, '--out', packedOut, '--quiet', '--modules', '3']).code, 0);
  const r = lava(['explain', csv, '--out', plainOut, '--quiet', '--modules', '3', '--plain-arrays']);
  assert.equal(r.code, 0, r.stderr);
  const plain = JSON.parse(readFileSync(plainOut, 'utf8'));
  assert.equal(plain.schemaVersion, 2);
  assert.ok(plain.embedding.coords.every((v: unknown) => typeof v === 'number'));
  assert.equal(plain.rowLines[0], 2, 'the first data row is on line 2');
  assert.equal(plain.localities.members.length, plain.localities.count);
  assert.ok(plain.modules[0].activity.every((v: unknown) => typeof v === 'number'));
  assert.ok(plain.metadata[0].values.every((v: unknown) => typeof v === 'string' && /^b\d+$/.test(v)));
  const fromPlain = decodeResult(readFileSync(plainOut, 'utf8'), plainOut);
  const fromPacked = decodeResult(readFileSync(packedOut, 'utf8'), packedOut);
  assertSameResult(fromPacked, fromPlain, { activity: 'quantized' });
  assert.ok(readFileSync(plainOut).length > 2 * readFileSync(packedOut).length, 'plain is much bigger');
});

test('--out naming the input is refused and the input is untouched', () => {
  const csv = plantedFile(7, 300);
  const before = sha(csv);
  const r = lava(['explain', csv, '--out', csv]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /input is never overwritten/);
  assert.equal(sha(csv), before);
});

test('interrupting a run (SIGINT 130, SIGTERM 143) leaves no result and no temp file', async () => {
  const dir = tempDir();
  const csv = join(dir, 'big.csv');
  await writePlanted(8, csv, { samples: 20000, features: 60 });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    const r = await lavaAsync(['explain', csv, '--umap'], (kill) => setTimeout(() => kill(signal), 2500));
    assert.equal(r.code, code, `${signal}: ${r.stderr}`);
    assert.match(r.stderr, /interrupted; no result written/);
    assert.deepEqual(readdirSync(dir), ['big.csv']);
  }
});

test('bad input: one line naming file, line and column, exit 2', () => {
  const dir = tempDir();
  const cases: { name: string; text: string; args?: string[]; expect: RegExp }[] = [
    { name: 'empty.csv', text: '', expect: /empty\.csv:1.*empty/i },
    { name: 'header.csv', text: 'x,y,a,b\n', expect: /header\.csv:2/ },
    { name: 'ragged.csv', text: 'x,y,a\n1,2,3\n4,5\n6,7,8\n', expect: /ragged\.csv:3:3/ },
    { name: 'noemb.csv', text: 'x,y,a\n1,2,3\n', args: ['--embedding', 'u,v'], expect: /noemb\.csv:1.*"u"/ },
  ];
  for (const c of cases) {
    const p = join(dir, c.name);
    writeFileSync(p, c.text);
    const r = lava(['explain', p, ...(c.args ?? [])]);
    assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
    assert.match(r.stderr, c.expect, c.name);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${c.name} gives one line: ${r.stderr}`);
  }
  const missing = lava(['explain', join(dir, 'nope.csv')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.csv/);
  const few = join(dir, 'few.csv');
  writeFileSync(
    few,
    'x,y,a,b\n' +
      Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${(i * 2) % 7},${i % 4}`).join('\n') +
      '\n',
  );
  const r = lava(['explain', few]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /few\.csv:11.*too few rows/);
});

test('a .lava.json above the data file is honoured and the result says where values came from', () => {
  const dir = tempDir();
  copyFileSync(DIGITS, join(dir, 'digits.csv'));
  writeFileSync(
    join(dir, '.lava.json'),
    JSON.stringify({
      defaults: { modules: 3, umap: true, umapEpochs: 50 },
      datasets: { 'digits.csv': { neighbors: 60 } },
    }),
  );
  const r = lava(['explain', join(dir, 'digits.csv'), '--seed', '2', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(readFileSync(join(dir, 'digits.lava.json'), 'utf8'));
  assert.equal(result.modules.length, 3);
  assert.equal(result.localities.size, 60);
  assert.equal(result.params.seed, 2);
  assert.equal(result.paramSources.modules, 'config');
  assert.equal(result.paramSources.seed, 'command');
  assert.equal(result.source.config, '.lava.json', 'the config used, relative to the result');
  assert.equal(result.source.file, 'digits.csv');
  assert.equal(result.paramSources.alpha, 'default');
  assert.equal(result.embedding.computed, 'umap');
  assert.equal(result.rowCount, 1797);
  const bad = lava(['explain', join(dir, 'digits.csv'), '--config', join(dir, 'nope.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /nope\.json: cannot read the config file \(ENOENT\)/);
});

test('every option has a flag: umap*, directBounds (negative values too) and --no-umap over a config', () => {
  const dir = tempDir();
  copyFileSync(DIGITS, join(dir, 'digits.csv'));
  writeFileSync(join(dir, '.lava.json'), JSON.stringify({ defaults: { umap: true } }));
  const out = join(dir, 'r.json');
  const args = [
    '--umap-epochs',
    '20',
    '--umap-neighbors',
    '8',
    '--umap-min-dist',
    '0.3',
    '--direct-bounds',
    '-1.5,1',
    '--direct-evaluations',
    '5',
    '--modules',
    '2',
  ];
  const r = lava(['explain', join(dir, 'digits.csv'), ...args, '--quiet', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(
    [
      result.params.umapEpochs,
      result.params.umapNeighbors,
      result.params.umapMinDist,
      result.params.directBounds,
      result.params.umap,
    ],
    [20, 8, 0.3, [-1.5, 1], true],
  );
  assert.equal(result.paramSources.umapEpochs, 'command');
  assert.equal(result.paramSources.umap, 'config');
  const off = join(dir, 'off.json');
  const r2 = lava([
    'explain',
    join(dir, 'digits.csv'),
    '--no-umap',
    '--modules',
    '2',
    '--direct-evaluations',
    '5',
    '--quiet',
    '--out',
    off,
  ]);
  assert.equal(r2.code, 0, r2.stderr);
  const result2 = JSON.parse(readFileSync(off, 'utf8'));
  assert.deepEqual(
    [result2.params.umap, result2.paramSources.umap, result2.embedding.computed],
    [false, 'command', 'given'],
  );
  const bad = lava(['explain', join(dir, 'digits.csv'), '--direct-bounds', '2,-2']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--direct-bounds must have lo < hi/);
});

test('the result names its data file relative to itself, so it is found from any current folder', () => {
  const root = tempDir();
  mkdirSync(join(root, 'data'));
  mkdirSync(join(root, 'results'));
  writeFileSync(
    join(root, 'data', 'p.csv'),
    generatePlanted(9, { samples: 300, features: 10, blobs: 3, modules: 2 }).csv,
  );
  // Typed relative to the current folder, as a user does; written into another folder.
  const r = lava(['explain', 'data/p.csv', '--out', 'results/p.json', '--quiet', '--modules', '2'], root);
  assert.equal(r.code, 0, r.stderr);
  const stored = JSON.parse(readFileSync(join(root, 'results', 'p.json'), 'utf8'));
  assert.equal(stored.source.file, '../data/p.csv');
  assert.equal(
    resultFromFile(stored, join(root, 'results', 'p.json')).source.file,
    join(root, 'data', 'p.csv'),
  );
});
