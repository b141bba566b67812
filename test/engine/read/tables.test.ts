// The Parquet and Arrow IPC readers against files their npm writers made: every codec, both IPC formats,
// typed columns with missing values, list columns as embeddings, and truncated or foreign files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArrow } from '../../../src/engine/read/arrow';
import type { Dataset, DatasetColumn } from '../../../src/engine/read/dataset';
import { readParquet } from '../../../src/engine/read/parquet';
import {
  EMBEDDING,
  ROWS,
  TABLE,
  writeArrow,
  writeParquet,
  writeParquetList,
  type ArrowCompression,
  type ParquetCodec,
} from './tableWriters';
import { rejectsInput as rejects } from './rejectsInput';

const dir = mkdtempSync(join(tmpdir(), 'lava-tables-'));

function column(ds: Dataset, name: string): DatasetColumn {
  const c = ds.columns.find((col) => col.name === name);
  assert.ok(c !== undefined, `column ${name}`);
  return c;
}

/** The columns every fixture shares, checked against the values written. */
function checkCommon(ds: Dataset): void {
  assert.equal(ds.rowCount, ROWS);
  for (const name of ['umap_1', 'umap_2', 'gene_a', 'gene_b'] as const) {
    const c = column(ds, name);
    assert.equal(c.kind, 'numeric', name);
    if (c.kind !== 'numeric') continue;
    const want: (number | null)[] = TABLE[name];
    // gene_a is written as float32, so its values come back rounded to float32.
    want.forEach((v, r) =>
      v === null
        ? assert.ok(Number.isNaN(c.values[r]))
        : assert.equal(c.values[r], name === 'gene_a' ? Math.fround(v) : v),
    );
    assert.deepEqual(
      Array.from(c.bad),
      want.flatMap((v, r) => (v === null ? [r] : [])),
      `${name} bad rows`,
    );
  }
  const flag = column(ds, 'flag');
  assert.ok(flag.kind === 'categorical');
  assert.deepEqual(flag.categories, ['false', 'true']);
  assert.deepEqual(
    Array.from(flag.codes),
    TABLE.flag.map((f) => (f === null ? -1 : f ? 1 : 0)),
  );
  const label = column(ds, 'label');
  assert.ok(label.kind === 'text');
  assert.deepEqual(
    label.values,
    TABLE.label.map((s) => s ?? ''),
  );
}

for (const codec of ['SNAPPY', 'ZSTD', 'GZIP', 'BROTLI', 'UNCOMPRESSED'] as ParquetCodec[]) {
  test(`parquet ${codec}: typed columns across row groups with their missing values`, async () => {
    const p = join(dir, `t-${codec}.parquet`);
    await writeParquet(p, codec);
    const ds = await readParquet(p);
    assert.equal(ds.format, 'parquet');
    assert.deepEqual(ds.rowNames, { kind: 'position' });
    checkCommon(ds);
    assert.equal(ds.matrix, null);
  });
}

test('a parquet list column of equal-length numeric lists is an embedding candidate; a ragged one is noted', async () => {
  const p = join(dir, 'list.parquet');
  writeParquetList(p, false);
  const ds = await readParquet(p);
  assert.deepEqual(
    ds.columns.map((c) => c.name),
    ['gene_b'],
  );
  assert.deepEqual(
    ds.embeddings.map((e) => [e.key, e.rows, e.dims]),
    [['X_umap', ROWS, 2]],
  );
  assert.deepEqual(Array.from(await ds.embeddings[0].read()), EMBEDDING.flat());
  const q = join(dir, 'ragged.parquet');
  writeParquetList(q, true);
  const ragged = await readParquet(q);
  assert.equal(ragged.embeddings.length, 0);
  assert.deepEqual(ragged.notes, [
    'list column "X_umap" is not offered as an embedding: its lists differ in length (2 and 1)',
  ]);
});

for (const format of ['file', 'stream'] as const) {
  for (const compression of ['none', 'zstd', 'lz4'] as ArrowCompression[]) {
    test(`arrow ${format} (${compression}): columns over two batches, dictionary as categorical, list as embedding`, async () => {
      const p = join(dir, `t-${format}-${compression}.arrow`);
      await writeArrow(p, format, compression);
      const ds = await readArrow(p);
      checkCommon(ds);
      const cluster = column(ds, 'cluster');
      assert.ok(cluster.kind === 'categorical');
      assert.deepEqual(
        Array.from(cluster.codes, (c) => (c < 0 ? null : cluster.categories[c])),
        TABLE.label,
      );
      assert.equal(ds.embeddings.length, 1);
      assert.equal(ds.embeddings[0].key, 'X_umap');
      assert.equal(ds.embeddings[0].dims, 2);
      assert.deepEqual(Array.from(await ds.embeddings[0].read()), EMBEDDING.flat());
    });
  }
}

test('truncated and foreign files are input errors naming the file', async () => {
  const pq = join(dir, 'whole.parquet');
  await writeParquet(pq, 'SNAPPY');
  const cutPq = join(dir, 'cut.parquet');
  writeFileSync(cutPq, readFileSync(pq).subarray(0, 200));
  await rejects(() => readParquet(cutPq), /cannot be read as Parquet/, { file: cutPq });
  const csv = join(dir, 'table.parquet');
  writeFileSync(csv, 'a,b\n1,2\n');
  await rejects(() => readParquet(csv), /cannot be read as Parquet/, { file: csv });
  const ar = join(dir, 'whole.arrow');
  await writeArrow(ar, 'file', 'none');
  const cutAr = join(dir, 'cut.arrow');
  writeFileSync(cutAr, readFileSync(ar).subarray(0, 300));
  await rejects(() => readArrow(cutAr), /cannot be read as Arrow IPC/, { file: cutAr });
  await rejects(() => readArrow(csv), /cannot be read as Arrow IPC/, { file: csv });
  await rejects(() => readParquet(join(dir, 'missing.parquet')), /file not found/, {
    file: join(dir, 'missing.parquet'),
  });
});
