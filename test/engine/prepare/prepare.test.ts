// Tests of column roles (embedding, metadata, features), row and feature dropping, and embedding recognition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '../../../src/engine/read/readDataset';
import { EMBEDDING, writeParquetList } from '../read/tableWriters';
import { readTableBytes, readTableFile } from '../../../src/engine/read/table';
import { prepare } from '../../../src/engine/prepare/prepare';
import { tableDataset } from '../../../src/engine/read/tableDataset';
import type { Prepared, Table } from '../../../src/engine/types';
import { describeInputError, LavaInputError } from '../../../src/shared/errors';
import { DEFAULT_PARAMS, type LavaParams } from '../../../src/shared/params/types';
import { PARAM_NAMES } from '../../../src/shared/params/spec';

const ROOT = join(__dirname, '..', '..', '..');
const FIX = join(ROOT, 'test', 'data');
const params = (p: Partial<LavaParams> = {}): LavaParams => ({ ...DEFAULT_PARAMS, ...p });
const fromText = (s: string, file = 'mem.csv') => readTableBytes(new TextEncoder().encode(s), file);

/** prepare on a CSV's table, as the pipeline runs it (through the Dataset adapter). */
const prepT = (t: Table, p: LavaParams): Promise<Prepared> => prepare({ data: tableDataset(t) }, p);

async function prep(s: string, p: Partial<LavaParams> = {}): Promise<Prepared> {
  return prepT(await fromText(s), params(p));
}

/** Expects prepare to throw a LavaInputError pointing at `line`/`column` and saying `message`. */
async function throwsInput(
  fn: () => Promise<unknown>,
  want: { line?: number; column?: number; message: RegExp; hint?: RegExp; option?: string },
): Promise<void> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof LavaInputError, `expected LavaInputError, got ${String(err)}`);
    assert.equal(err.line, want.line, 'line');
    assert.equal(err.column, want.column, 'column');
    assert.match(err.message, want.message);
    if (want.hint) assert.match(err.hint, want.hint);
    if (want.option) assert.equal(err.option, want.option, 'option');
    return;
  }
  assert.fail('expected an error');
}

test('roles: embedding recognised, text and id-like columns are metadata, the rest are features', async () => {
  const p = await prep(
    'sample_id,kind,x,y,f1,f2,label,cluster\n' +
      '7,a,0,1,1,10,0,3\n' +
      '8,b,1,2,2,30,1,3\n' +
      '9,c,2,4,4,20,1,4\n',
  );
  assert.deepEqual(p.embeddingColumns, ['x', 'y']);
  assert.equal(p.d, 2);
  assert.deepEqual([...(p.Z ?? [])], [0, 1, 1, 2, 2, 4]);
  assert.deepEqual(p.features, ['f1', 'f2']);
  assert.equal(p.E, 3);
  assert.equal(p.F, 2);
  assert.deepEqual([...p.X], [1, 10, 2, 30, 4, 20]);
  assert.deepEqual([...p.keptRows], [0, 1, 2]);
  assert.deepEqual(
    p.metadata.map((m) => [m.name, m.kind, m.values]),
    [
      ['sample_id', 'numeric', [7, 8, 9]],
      ['kind', 'text', ['a', 'b', 'c']],
      ['label', 'numeric', [0, 1, 1]],
      ['cluster', 'numeric', [3, 3, 4]],
    ],
  );
  assert.deepEqual(p.droppedFeatures, []);
  assert.equal(p.droppedRows.count, 0);
});

test('named embedding, features and metadata', async () => {
  const csv = 'a,b,c,d,e\n0,1,2,3,4\n1,3,2,5,7\n2,2,9,1,1\n';
  const p = await prep(csv, { embedding: ['c', 'a'], features: ['e', 'b'], metadata: ['d'] });
  assert.deepEqual(p.embeddingColumns, ['c', 'a']);
  assert.deepEqual([...(p.Z ?? [])], [2, 0, 2, 1, 9, 2]);
  assert.deepEqual(p.features, ['e', 'b']);
  assert.deepEqual([...p.X], [4, 1, 7, 3, 1, 2]);
  assert.deepEqual(
    p.metadata.map((m) => m.name),
    ['d'],
  );
  // An explicitly named feature wins over the id-like name rule.
  const q = await prep('x,y,label,f\n0,0,1,5\n1,1,2,6\n2,2,4,9\n', { features: ['label', 'f'] });
  assert.deepEqual(q.features, ['label', 'f']);
  assert.deepEqual(q.metadata, []);
});

test('rows with a missing, non-numeric, NaN or infinite feature or embedding cell are dropped and reported', async () => {
  const p = await prepT(await readTableFile(join(FIX, 'bad', 'nan-inf.csv')), params());
  // Rows 1..4 (lines 3..6) are bad: NaN in f1, Infinity and -inf in f2, empty f1.
  assert.equal(p.droppedRows.count, 4);
  assert.deepEqual(p.droppedRows.examples, [
    { line: 3, column: 'f1' },
    { line: 4, column: 'f2' },
    { line: 5, column: 'f2' },
    { line: 6, column: 'f1' },
  ]);
  assert.deepEqual([...p.keptRows], [0, 5, 6]);
  assert.deepEqual([...p.X], [1, 2, 6, 7, 7, 9]);
  assert.deepEqual([...(p.Z ?? [])], [0, 0, 5, 5, 6, 6]);
  assert.ok(
    p.notes.includes('dropped 4 rows with missing values (first at line 3, column f1)'),
    p.notes.join('|'),
  );

  const t = await prepT(await readTableFile(join(FIX, 'bad', 'text-in-numeric.csv')), params());
  assert.deepEqual(t.droppedRows.examples, [
    { line: 3, column: 'f1' },
    { line: 6, column: 'f2' },
  ]);
  assert.equal(t.E, 3);

  // A missing embedding cell drops the row too; the example names the leftmost bad column.
  const e = await prep('x,y,f1,f2\n0,,1,2\n1,1,,\n2,2,3,5\n3,1,2,2\n');
  assert.deepEqual(e.droppedRows.examples, [
    { line: 2, column: 'y' },
    { line: 3, column: 'f1' },
  ]);
  assert.deepEqual([...e.keptRows], [2, 3]);
});

test('only the first 10 dropped rows are listed, all are counted', async () => {
  let csv = 'x,y,f\n';
  for (let i = 0; i < 30; i++) csv += `${i},${i % 7},${i % 3 === 0 ? 'oops' : i * i}\n`;
  const p = await prep(csv);
  assert.equal(p.droppedRows.count, 10);
  csv = 'x,y,f\n';
  for (let i = 0; i < 30; i++) csv += `${i},${i % 7},${i % 2 === 0 ? '' : i}\n`;
  const q = await prep(csv);
  assert.equal(q.droppedRows.count, 15);
  assert.equal(q.droppedRows.examples.length, 10);
  assert.deepEqual(
    q.droppedRows.examples.map((x) => x.line),
    [2, 4, 6, 8, 10, 12, 14, 16, 18, 20],
  );
});

test('a fully text column is metadata, never a feature', async () => {
  const p = await prepT(await readTableFile(join(FIX, 'ok', 'text-column.csv')), params());
  assert.deepEqual(p.features, ['f1', 'f2']);
  assert.deepEqual(p.metadata, [{ name: 'name', kind: 'text', values: ['alpha', 'beta', 'gamma'] }]);
});

test('constant features are dropped over the kept rows; maxFeatures keeps the largest raw sd, in file order', async () => {
  // c is constant once the row with the missing f value is dropped.
  // sd over kept rows: a [1,2,3] -> 0.816, b [0,10,20] -> 8.16, d [5,5.5,6] -> 0.408, e [-30,0,30] -> 24.5
  const csv = 'x,y,a,b,c,d,e,f\n0,0,1,0,7,5,-30,1\n1,0,2,10,7,5.5,0,1\n2,1,3,20,7,6,30,1\n3,1,9,9,100,9,9,\n';
  const p = await prep(csv, { maxFeatures: 2 });
  assert.deepEqual(p.features, ['b', 'e']);
  assert.deepEqual(p.droppedFeatures, [
    { name: 'c', reason: 'constant' },
    { name: 'f', reason: 'constant' },
    { name: 'a', reason: 'low-variance' },
    { name: 'd', reason: 'low-variance' },
  ]);
  assert.deepEqual([...p.X], [0, -30, 10, 0, 20, 30]);
  const q = await prep(csv, { maxFeatures: 3 });
  assert.deepEqual(q.features, ['a', 'b', 'e']);
  const all = await prep(csv);
  assert.deepEqual(all.features, ['a', 'b', 'd', 'e']);
  // A later column with a larger sd wins; equal sds keep the earlier column.
  const later = await prep('x,y,p,q,r\n0,0,1,1,0\n1,1,2,2,0\n2,2,3,3,5\n', { maxFeatures: 1 });
  assert.deepEqual(later.features, ['r']);
  const tie = await prep('x,y,p,q\n0,0,1,5\n1,1,2,6\n2,2,3,7\n', { maxFeatures: 1 });
  assert.deepEqual(tie.features, ['p']);
  assert.deepEqual(tie.droppedFeatures, [{ name: 'q', reason: 'low-variance' }]);
});

test('umap: Z is null, d = 2, recognised embedding columns are metadata, not features', async () => {
  const p = await prep('umap_1,umap_2,f1,f2\n0,1,1,2\n1,0,,3\n2,2,3,1\n', { umap: true });
  assert.equal(p.Z, null);
  assert.equal(p.d, 2);
  assert.deepEqual(p.embeddingColumns, []);
  assert.deepEqual(p.features, ['f1', 'f2']);
  assert.deepEqual(
    p.metadata.map((m) => [m.name, m.values]),
    [
      ['umap_1', [0, 2]],
      ['umap_2', [1, 2]],
    ],
  );
  const q = await prep('a,f1,f2\n0,1,2\n1,5,3\n', { umap: true });
  assert.deepEqual(q.features, ['a', 'f1', 'f2']);
});

test('no embedding columns and no umap -> error with the hint', async () => {
  const t = await fromText('a,b\n1,2\n3,4\n');
  await throwsInput(() => prepT(t, params()), {
    line: 1,
    message: /no embedding columns/,
    hint: /^Name them in \{option:embedding\} \(such as x,y\), give a file with \{option:embeddingFile\}, or compute an embedding with \{option:umap\}\.$/,
    option: 'embedding',
  });
  // x,y that hold text are not an embedding.
  const u = await fromText('x,y,f\na,b,1\nc,d,2\n');
  await throwsInput(() => prepT(u, params()), { line: 1, message: /no embedding columns/ });
});

test('named embedding column missing or not numeric -> line 1, its column, numeric columns listed', async () => {
  const t = await readTableFile(join(FIX, 'ok', 'text-column.csv'));
  await throwsInput(() => prepT(t, params({ embedding: ['x', 'umap_2'] })), {
    line: 1,
    column: undefined,
    message: /embedding column "umap_2" is not in the header/,
    hint: /x, y, f1, f2\.$/,
  });
  await throwsInput(() => prepT(t, params({ embedding: ['x', 'name'] })), {
    line: 1,
    column: 5,
    message: /text-column\.csv:1:5: embedding column holds text, not numbers \(column "name"\)/,
    hint: /x, y, f1, f2/,
  });
});

test('named feature or metadata missing -> error naming it', async () => {
  const t = await readTableFile(join(FIX, 'ok', 'text-column.csv'));
  await throwsInput(() => prepT(t, params({ features: ['f1', 'f9'] })), {
    line: 1,
    message: /feature column "f9" is not in the header/,
  });
  await throwsInput(() => prepT(t, params({ features: ['name'] })), {
    line: 1,
    column: 5,
    message: /feature column holds text, not numbers \(column "name"\)/,
  });
  await throwsInput(() => prepT(t, params({ metadata: ['nope'] })), {
    line: 1,
    message: /metadata column "nope" is not in the header/,
  });
});

test('no feature left after dropping constants -> error naming the file', async () => {
  const path = join(FIX, 'bad', 'all-constant.csv');
  const t = await readTableFile(path);
  try {
    await prepT(t, params());
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof LavaInputError);
    assert.equal(err.file, path);
    assert.match(err.message, /no feature left: every feature is constant/);
    assert.match(err.message, new RegExp('^' + path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  // Only embedding and text columns: no feature to begin with.
  const u = await fromText('x,y,name\n0,1,a\n1,2,b\n');
  await throwsInput(() => prepT(u, params()), { message: /no numeric feature columns/ });
});

test('digits: label and the stored embedding are metadata under --umap, constant pixels are dropped (checked against a brute-force read)', async () => {
  const path = join(ROOT, 'examples', 'digits.csv');
  const table = await readTableFile(path);
  assert.equal(table.rowCount, 1797);
  const p = await prepT(table, params({ umap: true }));
  // Brute force: split the text, find pixel columns with a single distinct value.
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const constant = header.filter((h, j) => h.startsWith('pixel') && rows.every((r) => r[j] === rows[0][j]));
  assert.ok(constant.includes('pixel_0_0'));
  assert.deepEqual(
    p.droppedFeatures,
    constant.map((name) => ({ name, reason: 'constant' })),
  );
  assert.equal(p.F, 64 - constant.length);
  assert.equal(p.E, 1797);
  assert.equal(p.droppedRows.count, 0);
  assert.ok(!p.features.includes('label'));
  // With umap the stored umap_1, umap_2 are no features: they stay as metadata.
  assert.deepEqual(p.metadata.map((m) => m.name).sort(), ['label', 'umap_1', 'umap_2']);
  const given = await prepT(table, params());
  assert.deepEqual(given.embeddingColumns, ['umap_1', 'umap_2']);
  assert.equal(given.F, p.F);
  assert.deepEqual(
    given.metadata.map((m) => m.name),
    ['label'],
  );
  const label = header.indexOf('label');
  assert.deepEqual(
    p.metadata.find((m) => m.name === 'label')?.values,
    rows.map((r) => r[label]),
  );
  // X matches the brute-force values, row-major.
  const f5 = header.indexOf(p.features[5]);
  for (const e of [0, 1, 900, 1796]) assert.equal(p.X[e * p.F + 5], rows[e][f5]);
  assert.equal(p.Z, null);
});

test('conflicting roles: a feature that is the embedding or also metadata, a one-column embedding', async () => {
  const t = await fromText('x,y,f,g\n0,1,2,3\n1,0,5,1\n');
  await throwsInput(() => prepT(t, params({ features: ['x', 'f'] })), {
    line: 1,
    column: 1,
    message: /named as a feature but is the embedding \(column "x"\)/,
  });
  await throwsInput(() => prepT(t, params({ features: ['f'], metadata: ['f'] })), {
    line: 1,
    column: 3,
    message: /both as a feature and as metadata \(column "f"\)/,
  });
  await throwsInput(() => prepT(t, params({ embedding: ['y'] })), {
    line: 1,
    column: 2,
    message: /the embedding needs at least 2 columns/,
  });
});

test('every input error of prepare names options by key ({option:key}), never as a flag or a setting', async () => {
  const keys = new Set<string>(PARAM_NAMES);
  const t = await fromText('x,y,f,g,name\n0,1,2,3,a\n1,0,5,1,b\n');
  const cases: [Table, Partial<LavaParams>][] = [
    [t, { embedding: ['x', 'nope'] }],
    [t, { embedding: ['x', 'name'] }],
    [t, { embedding: ['y'] }],
    [t, { embedding: ['x', 'x'] }],
    [t, { features: ['f', 'f'] }],
    [t, { features: ['nope'] }],
    [t, { features: ['x'] }],
    [t, { metadata: ['nope'] }],
    [t, { features: ['f'], metadata: ['f'] }],
    [await fromText('a,b\n1,2\n3,4\n'), {}],
    [await fromText('x,y,name\n0,1,a\n1,2,b\n'), {}],
    [await fromText('x,y,f\n0,1,\n1,2,\n'), {}],
    [await fromText('x,y,f\n0,1,2\n1,2,2\n'), {}],
  ];
  for (const [table, p] of cases) {
    const err = await prepT(table, params(p)).then(
      () => assert.fail(`no error for ${JSON.stringify(p)}`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LavaInputError, String(err));
    const text = `${err.problem} ${err.hint}`;
    assert.doesNotMatch(text, /--[a-z]|lava\.|setting/, text);
    const named = [...text.matchAll(/\{option:([A-Za-z]+)\}/g)].map((m) => m[1]);
    for (const key of named) assert.ok(keys.has(key), `${key} in "${text}"`);
    // The place names the option at fault, and it is one the text names.
    assert.ok(err.option !== undefined && named.includes(err.option), `option ${err.option} for "${text}"`);
    // Each side renders the keys in its own words.
    assert.match(
      describeInputError(err, (k) => `--${k}`),
      new RegExp(`--${err.option}`),
    );
  }
});

test('a Seurat export: cluster columns (RNA_snn_res.1, seurat_clusters, leiden) and ids are metadata, QC and genes are features', async () => {
  const csv =
    'cell,nCount_RNA,RNA_snn_res.1,seurat_clusters,leiden,cellID,umap_1,umap_2,CD3E,MS4A1\n' +
    'AAAC-1,2419,0,0,2,1,0.5,1.5,3,0\n' +
    'AAAG-1,4903,1,1,0,2,1.5,0.5,0,2\n' +
    'AATC-1,3147,1,1,1,3,2.5,2.5,1,5\n';
  const p = await prep(csv);
  assert.deepEqual(p.features, ['nCount_RNA', 'CD3E', 'MS4A1']);
  assert.deepEqual(
    p.metadata.map((m) => m.name),
    ['cell', 'RNA_snn_res.1', 'seurat_clusters', 'leiden', 'cellID'],
  );
  assert.deepEqual(p.embeddingColumns, ['umap_1', 'umap_2']);
  // Named as a feature, a cluster column is one: the user's word wins over the name rule.
  const q = await prep(csv, { features: ['RNA_snn_res.1', 'CD3E'] });
  assert.deepEqual(q.features, ['RNA_snn_res.1', 'CD3E']);
});

test('a Parquet list column is the embedding when no columns are recognised; a 1-D embedding file is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lava-prep-'));
  const file = join(dir, 'list.parquet');
  writeParquetList(file, false);
  const p = await prepare({ data: await readDataset(file) }, params());
  assert.deepEqual(p.embeddingColumns, ['X_umap_1', 'X_umap_2']);
  assert.deepEqual(Array.from(p.Z ?? []), EMBEDDING.flat());
  assert.deepEqual(p.features, ['gene_b']);
  assert.ok(p.notes.includes('using "X_umap" of list.parquet as the embedding (2-D)'), p.notes.join('|'));
  const one = join(dir, 'one.csv');
  writeFileSync(one, 'umap\n' + EMBEDDING.map((xy) => xy[0]).join('\n') + '\n');
  const csv = join(dir, 'data.csv');
  writeFileSync(csv, 'a,b\n' + EMBEDDING.map((xy, i) => `${i},${xy[1] * i}`).join('\n') + '\n');
  const inputs = { data: await readDataset(csv), embeddingFile: await readDataset(one) };
  await assert.rejects(
    prepare(inputs, params({ embeddingFile: one })),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.file === one &&
      e.option === 'embeddingFile' &&
      /holds 1 embedding dimension, not 2 or more numeric columns \(it has umap\)/.test(e.message),
  );
});
