// Very wide files: columns cost memory only as rows arrive, a header of more than MAX_COLUMNS names is refused
// with the limit and the option that selects columns, and with features named only the named columns are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_COLUMNS, readTableBytes, readTableChunks } from '../../../src/engine/read/table';
import { wideColumnsFor } from '../../../src/engine/prepare/wideColumns';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { rejectsInput } from './rejectsInput';

const names = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const row = (n: number, v = '1') => Array.from({ length: n }, () => v).join(',');

test('a 100,000-column header costs no typed-array memory per column before a row is read', async () => {
  const header = Buffer.from(names(MAX_COLUMNS).join(',') + '\n');
  let atFirstRow = 0;
  const before = process.memoryUsage().arrayBuffers;
  async function* chunks(): AsyncIterable<Uint8Array> {
    yield header;
    // The header is parsed (and every column set up) by the time the reader asks for the next chunk.
    atFirstRow = process.memoryUsage().arrayBuffers - before;
    yield Buffer.from(row(MAX_COLUMNS) + '\n');
  }
  const t = await readTableChunks(chunks(), header.length, 'wide.csv', {});
  assert.equal(t.columns.length, MAX_COLUMNS);
  assert.equal(t.rowCount, 1);
  // Each column used to start with a Float64Array(1024): 800 MB here before the first row.
  assert.ok(atFirstRow < 50e6, `${(atFirstRow / 1e6).toFixed(0)} MB of typed arrays before the first row`);
});

test('more than MAX_COLUMNS columns: refused at the first column over, naming the limit and the features option', async () => {
  const n = MAX_COLUMNS + 2;
  const text = `${names(n).join(',')}\n${row(n)}\n`;
  const e = await rejectsInput(
    () => readTableBytes(Buffer.from(text), 'wide.csv'),
    /100002 columns, more than the 100000/,
    {
      option: 'features',
    },
  );
  assert.deepEqual([e.line, e.column], [1, MAX_COLUMNS + 1]);
  assert.match(e.hint, /\{option:features\}/);
  // The run names no features: the same refusal.
  await rejectsInput(
    () => readTableBytes(Buffer.from(text), 'wide.csv', { wideColumns: wideColumnsFor(DEFAULT_PARAMS) }),
    /more than the 100000/,
  );
});

test(
  'a 10 MB header line of a million names is refused within seconds, not read for minutes',
  { timeout: 60_000 },
  async () => {
    const text = names(1_000_000).join(',') + '\n' + row(1_000_000) + '\n';
    assert.ok(text.indexOf('\n') > 7e6);
    await rejectsInput(() => readTableBytes(Buffer.from(text), 'huge.csv'), /1000000 columns/);
  },
);

test('with features named, a wide file reads only the named, embedding-like and id columns', async () => {
  const n = MAX_COLUMNS + 10;
  const header = ['id', 'umap_1', 'umap_2', 'label', ...names(n - 4)];
  const lines = [
    header.join(','),
    ['7', '0.5', '0.25', 'a', ...names(n - 4).map((_, i) => String(i))].join(','),
  ];
  const params = { ...DEFAULT_PARAMS, features: ['c3', 'c99999'], metadata: ['label'] };
  const t = await readTableBytes(Buffer.from(lines.join('\n') + '\n'), 'wide.csv', {
    wideColumns: wideColumnsFor(params),
  });
  assert.equal(t.header.length, n, 'the header keeps every name (errors and notes name columns by it)');
  const read = t.columns.map((c) => [c.name, c.index]);
  assert.deepEqual(read, [
    ['id', 0],
    ['umap_1', 1],
    ['umap_2', 2],
    ['label', 3],
    ['c3', 7],
    ['c99999', 100003],
  ]);
  const c3 = t.columns[4];
  assert.ok(c3.kind === 'numeric');
  assert.equal(c3.values[0], 3);
});
