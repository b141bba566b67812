// Properties of `lava explain` over generated input: for any bytes as the data file (arbitrary, or CSV-shaped with
// hostile cells, encodings and line ends), any option values and any .lava.json, the command exits 0 or 2 (never
// 1, a bug), prints one inert line on failure, writes a valid result or nothing, never changes its inputs and
// leaves no temp file. Hundreds of cases run in-process (main(argv)); a few through the real binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import { decodeResult } from '../../src/shared/result/decode';
import { PARAM_NAMES, PARAM_SPECS, type ParamSpec } from '../../src/shared/params/spec';
import { flagName } from '../../src/shared/params/names';
import { LAVA, tempDir } from './helpers';
import { fuzz } from '../fuzz';

/** Embedding columns as the engine recognises them (or none), then feature, id and hostile names. */
const EMBEDDINGS = [['x', 'y'], ['x', 'y'], ['umap_1', 'umap_2'], ['umap_1', 'umap_2'], ['x', 'y', 'z'], []];
const NAMES = ['a', 'b', 'c', 'd', 'id', 'label', 'e\u001b]0;t\u0007', 'n\nl', 'x', 'umap_1'];
/** Cells that are not plain numbers: missing, out of range, text, decimal commas, broken quotes, escapes. */
const HOSTILE = [
  '',
  ' ',
  'NA',
  'NaN',
  'Infinity',
  '1e308',
  '-1e-308',
  '0x10',
  'text',
  '1,5',
  '"q"',
  '"x""y"',
  '"line\nbreak"',
  '"',
  '"a"b',
  '\u001b[31m',
  '-0',
];
/** Small or refused values only, so that no case asks for hours of DIRECT or UMAP. */
const VALUES = [
  '-5',
  '0',
  '1',
  '2',
  '3',
  '5',
  '8',
  '0.5',
  '1e9',
  'abc',
  '',
  'x,y',
  'a,b',
  'a,c,d',
  'umap_1,umap_2',
  '-1e308,1e308',
  '-2,2',
  '99,100',
  '2,-2',
  'nmf',
  'boolean',
  'pearson',
  'spearman',
  'profiles',
  'NaN',
  '-0',
];
const CONFIGS = [
  '{}',
  '{"defaults":{"modules":2}}',
  '\uFEFF{"defaults":{"neighbors":5}}',
  '{"datasets":{"*.csv":{"umap":true,"umapEpochs":5}}}',
  '{"datasets":{"d?.csv":{}}}',
];
const BAD_CONFIGS = [
  '{"datasets":{"__proto__":{}}}',
  '{"defaults":{"directBounds":[-1e308,1e308]}}',
  'not json',
  '{"defaults":{"features":["a","zz"]}}',
  '{"$schema":{}}',
];

/** A value the option accepts, kept small where it costs time (DIRECT evaluations, UMAP epochs). */
function validValue(spec: ParamSpec): fc.Arbitrary<string> {
  switch (spec.kind) {
    case 'int':
      return fc.integer({ min: spec.min, max: Math.min(spec.max, spec.min + 20) }).map(String);
    case 'number':
      return fc
        .integer({ min: 1, max: 100 })
        .map((v) => String(spec.min + ((Math.min(spec.max, 5) - spec.min) * v) / 100));
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'columns':
      return fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }).map((ns) => ns.join(','));
    case 'bounds':
      return fc.constantFrom('-2,2', '-1.5,1', '99,100', '-100,100', '0,1');
    case 'bool':
      return fc.constant('');
    case 'name':
      return fc.constantFrom('X', 'raw/X', 'X_umap', 'gene_symbols', 'nope');
    case 'path':
      return fc.constantFrom('missing.npy', 'data.csv', '.');
  }
}

/** One option of the method: a valid value most of the time, else one from the hostile pool. */
const methodOption: fc.Arbitrary<string[]> = fc.constantFrom(...PARAM_NAMES).chain((name) => {
  const flag = flagName(name);
  const spec = PARAM_SPECS[name];
  if (spec.kind === 'bool') return fc.constantFrom<string[]>([flag], [flag.replace(/^--/, '--no-')]);
  return fc
    .oneof({ weight: 6, arbitrary: validValue(spec) }, { weight: 1, arbitrary: fc.constantFrom(...VALUES) })
    .map((v) => [flag, v]);
});

/** A header cell as a CSV writer would quote it (names with delimiters, quotes or line breaks). */
const quoted = (name: string, delimiter: string) =>
  /["\r\n]/.test(name) || name.includes(delimiter) ? `"${name.replaceAll('"', '""')}"` : name;

/** Numeric rows with now and then a hostile cell: most cases get past reading, into the method's checks. */
const rowsOf = (width: number) =>
  fc
    .oneof({ weight: 1, arbitrary: fc.nat(14) }, { weight: 6, arbitrary: fc.integer({ min: 15, max: 60 }) })
    .chain((count) =>
      fc.array(
        fc.array(
          fc.oneof(
            { weight: 300, arbitrary: fc.integer({ min: -999, max: 999 }).map((v) => String(v / 8)) },
            { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
          ),
          { minLength: width, maxLength: width },
        ),
        { minLength: count, maxLength: count },
      ),
    );

/** A CSV-shaped file: an embedding and names from the pools (now and then one empty or twice), any delimiter, line end, BOM or UTF-16. */
const csvBytes = fc
  .record({
    embedding: fc.constantFrom(...EMBEDDINGS),
    names: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }),
    badName: fc.oneof(
      { weight: 12, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom('', 'a') },
    ),
    delimiter: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    encoding: fc.constantFrom('utf8', 'utf8', 'utf8', 'bom', 'utf16le'),
  })
  .chain((f) => {
    const names = [...f.embedding, ...f.names.filter((n) => !f.embedding.includes(n))];
    if (f.badName !== null) names.push(f.badName);
    return rowsOf(names.length).map((rows) => ({ ...f, names, rows }));
  })
  .map(({ names, rows, delimiter, eol, encoding }) => {
    const lines = [names.map((n) => quoted(n, delimiter)), ...rows].map((r) => r.join(delimiter));
    const text = lines.join(eol) + eol;
    if (encoding === 'utf16le')
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    return Buffer.from((encoding === 'bom' ? '\uFEFF' : '') + text, 'utf8');
  });

const option: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 10, arbitrary: methodOption },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string[]>(
      ['--quiet'],
      ['--no-config'],
      ['--out', 'out.json'],
      ['--config', '.lava.json'],
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string[]>(
      ['--out', 'data.csv'],
      ['--out', 'no/r.json'],
      ['--out', '.'],
      ['--bogus'],
      ['--neighbors'],
    ),
  },
);

interface Case {
  data: Uint8Array;
  options: string[][];
  config: string | undefined;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  data: fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    { weight: 7, arbitrary: csvBytes },
  ),
  options: fc.array(option, { maxLength: 3 }),
  config: fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...CONFIGS) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_CONFIGS) },
  ),
});

/** A folder holding the case: data.csv, maybe .lava.json, and .git so that no config above it is read. */
function setUp(c: Case) {
  const dir = tempDir('lava-fuzz-');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'data.csv'), c.data);
  if (c.config !== undefined) writeFileSync(join(dir, '.lava.json'), c.config);
  return dir;
}

const ALLOWED = new Set(['.git', 'data.csv', '.lava.json', 'data.lava.json', 'out.json']);
/** Nothing that a terminal would act on: no control character but line ends, no bidi override. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** What must hold after a run in `dir`, whatever the input. */
function checkRun(dir: string, c: Case, r: { code: number | null; stdout: string; stderr: string }) {
  const said = `exit ${r.code}: ${JSON.stringify(r.stderr)}`;
  assert.ok(r.code === 0 || r.code === 2, said);
  assert.deepEqual(readFileSync(join(dir, 'data.csv')), Buffer.from(c.data), 'the data file is unchanged');
  if (c.config !== undefined) assert.equal(readFileSync(join(dir, '.lava.json'), 'utf8'), c.config);
  const left = readdirSync(dir);
  for (const name of left) assert.ok(ALLOWED.has(name), `left behind: ${name}`);
  assert.doesNotMatch(r.stderr + r.stdout, UNSAFE, said);
  if (r.code === 2) {
    assert.match(r.stderr, /^lava: [^\n]+\n$/, said);
    assert.equal(r.stdout, '');
    return;
  }
  const results = left.filter((n) => n === 'data.lava.json' || n === 'out.json');
  assert.equal(results.length, 1, 'one result written');
  decodeResult(readFileSync(join(dir, results[0]), 'utf8'), results[0]);
  assert.ok(r.stdout === '' || /^Explained [^\n]+\n$/.test(r.stdout), r.stdout);
}

test('for any data bytes, options and config, lava exits 0 or 2 and keeps its promises (in-process)', async (t) => {
  const cwd = process.cwd();
  const codes = [0, 0, 0];
  try {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const dir = setUp(c);
        process.chdir(dir);
        let stdout = '';
        let stderr = '';
        const code = await main(['explain', 'data.csv', ...c.options.flat()], {
          stdout: (t) => (stdout += t),
          stderr: (t) => (stderr += t),
        });
        process.chdir(cwd);
        codes[Math.min(code, 2)]++;
        checkRun(dir, c, { code, stdout, stderr });
      }),
      fuzz(1000, 25_000),
    );
  } finally {
    process.chdir(cwd);
    // How far the cases got, for the log: a run of all refusals would test little.
    t.diagnostic(`${codes[0]} cases ran to a result, ${codes[2]} were refused (exit 2)`);
  }
});

test('the same promises through the real binary, a few cases', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const dir = setUp(c);
      const r = spawnSync(process.execPath, [LAVA, 'explain', 'data.csv', ...c.options.flat()], {
        cwd: dir,
        encoding: 'utf8',
      });
      checkRun(dir, c, { code: r.status, stdout: r.stdout, stderr: r.stderr });
    }),
    fuzz(6, 10_000),
  );
});
