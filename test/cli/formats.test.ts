// Every data format end to end through `lava explain`: one planted data set written as CSV by numpy, as .h5ad by
// anndata (dense, CSR, in a layer, in raw), as .npy by numpy and as Parquet/Arrow by their npm writers gives the
// CSV's modules, bit for bit; the options that choose within a file (layer, obsm, var-names, embedding and
// metadata files) do what they say, and what cannot work is refused with exit 2 and one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { formatFixtures, type Fixtures } from '../engine/read/formatFixtures';
import { writeArrowTable, writeParquetColumns, type ParquetCodec } from '../engine/read/tableWriters';
import { readTableFile } from '../../src/engine/read/table';
import { decodeResult } from '../../src/shared/result/decode';
import type { LavaResult, ModuleResult } from '../../src/shared/result/types';
import { lava, tempDir } from './helpers';

const fx = formatFixtures();
const skip = typeof fx === 'string' ? fx : false;
const F = fx as Fixtures;
const out = tempDir('lava-formats-');

/** Runs `lava explain` with the result in a temp folder (never beside the shared fixtures); exit 0 expected. */
function explain(name: string, data: string, ...args: string[]): LavaResult {
  const path = join(out, `${name}.json`);
  const r = lava(['explain', data, ...args, '--quiet', '--out', path]);
  assert.equal(r.code, 0, `${name}: ${r.stderr}`);
  return decodeResult(readFileSync(path, 'utf8'), path);
}

/** Exit 2 with one line matching `expect`, and no result written. */
function refused(args: string[], expect: RegExp): string {
  const before = readdirSync(out).length;
  const r = lava(['explain', ...args, '--quiet', '--out', join(out, 'refused.json')]);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, expect);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.equal(readdirSync(out).length, before, 'nothing written');
  return r.stderr;
}

/** The modules' numbers without the names of their features: a .npy names features by position. */
const numbers = (modules: ModuleResult[]) =>
  modules.map(({ pattern, activity, loadings, featureWeights, localityCount }) => ({
    pattern,
    activity,
    loadings,
    featureWeights,
    localityCount,
  }));

let csvResult: LavaResult | undefined;
/** The CSV's result, the reference every other format must reproduce. */
function fromCsv(): LavaResult {
  csvResult ??= explain('csv', F.path('planted.csv'));
  return csvResult;
}

/**
 * The same modules, named by the same genes; the category in a name may differ: an h5ad's obs has a cell type
 * the CSV lacks, and a name says the category its active rows mostly are.
 */
function sameModules(r: LavaResult, csv: LavaResult, message: string): void {
  const unnamed = (ms: LavaResult['modules']) => ms.map(({ name: _, ...m }) => m);
  const genes = (ms: LavaResult['modules']) => ms.map((m) => m.name.split(' · ')[0]);
  assert.deepEqual(unnamed(r.modules), unnamed(csv.modules), message);
  assert.deepEqual(genes(r.modules), genes(csv.modules), `${message}: named by the same genes`);
}

test(
  'a Seurat-style CSV: cluster numbers and barcodes are metadata, never features; the planted genes pair up',
  { skip },
  () => {
    const r = fromCsv();
    assert.deepEqual(r.features, F.expected.planted.genes);
    const meta = r.metadata.map((m) => m.name);
    for (const name of ['RNA_snn_res.1', 'seurat_clusters', 'barcode']) assert.ok(meta.includes(name), name);
    // The strongest module is the T-cell block planted in blobs 0 and 2.
    const genes = new Set(r.modules[0].pairs.slice(0, 3).flatMap((p) => [p.a, p.b]));
    assert.deepEqual([...genes].sort(), ['CD2', 'CD3D', 'CD3E']);
  },
);

test('h5ad with a dense or a sparse (CSR) X gives the CSV modules, named by the genes', { skip }, () => {
  const csv = fromCsv();
  for (const name of ['planted_dense', 'planted_csr']) {
    const r = explain(name, F.path(`${name}.h5ad`));
    assert.deepEqual(r.features, csv.features, name);
    sameModules(r, csv, `${name}: the same modules as the CSV`);
    assert.deepEqual(r.embedding.columns, ['X_umap_1', 'X_umap_2']);
    assert.deepEqual(r.embedding.coords, csv.embedding.coords);
    assert.ok(
      r.notes.includes(
        'using obsm "X_umap" of planted_dense.h5ad as the embedding (2-D)'.replace('planted_dense', name),
      ),
    );
    // obs is metadata: categoricals as their labels.
    const cellType = r.metadata.find((m) => m.name === 'cell_type');
    assert.equal(cellType?.kind, 'text');
    assert.ok(cellType?.kind === 'text');
    assert.deepEqual(new Set(cellType.categories), new Set(['T cell', 'B cell']));
    assert.equal(r.source.delimiter, '');
    // Two planted programmes (T cell, B cell), both strong at k = 2: k = 3 cut the T-cell module into two parts
    // with the same loadings, each "found again", and was chosen before parts counted as not found.
    assert.equal(r.moduleSelection.chosen, 2, `${name}: k`);
    assert.deepEqual(r.modules.map((m) => m.strong), [true, true], `${name}: both strong`);
    // Rows keep the file's own names (obs_names), one per kept row, for tooltips, tables and exports.
    assert.equal(r.rowNames?.length, r.rowCount);
    assert.deepEqual([r.rowNames?.[0], r.rowNames?.[599]], ['AAAC0000-1', 'AAAC0599-1']);
  }
});

test('--layer reads a layer or raw/X; without it X is read (here noise)', { skip }, () => {
  const csv = fromCsv();
  const layer = explain('layer', F.path('planted_layers.h5ad'), '--layer', 'planted');
  sameModules(layer, csv, 'layer');
  assert.equal(layer.params.layer, 'planted');
  assert.equal(layer.paramSources?.layer, 'command');
  const raw = explain('raw', F.path('planted_layers.h5ad'), '--layer', 'raw/X');
  sameModules(raw, csv, 'raw/X');
  assert.deepEqual(raw.droppedFeatures, [
    { name: 'RAW1', reason: 'constant' },
    { name: 'RAW2', reason: 'constant' },
  ]);
  const x = explain('x', F.path('planted_layers.h5ad'), '--modules', '2');
  assert.notDeepEqual(numbers(x.modules), numbers(csv.modules.slice(0, 2)));
  assert.equal('layer' in x.params, false, 'an option not given is not recorded');
  refused(
    [F.path('planted_layers.h5ad'), '--layer', 'nope'],
    /has no layer "nope".*this file has: X, planted, raw\/X/,
  );
  refused([F.path('planted.csv'), '--layer', 'planted'], /--layer does not apply to a csv file/);
});

test(
  'a .lava.json entry chooses the layer, and its embedding file path is read from its own folder',
  { skip },
  () => {
    const dir = tempDir();
    copyFileSync(F.path('planted_layers.h5ad'), join(dir, 'cells.h5ad'));
    copyFileSync(F.path('planted_X.npy'), join(dir, 'x.npy'));
    copyFileSync(F.path('planted_umap.npy'), join(dir, 'umap.npy'));
    writeFileSync(
      join(dir, '.lava.json'),
      JSON.stringify({
        datasets: { 'cells.h5ad': { layer: 'planted' }, 'x.npy': { embeddingFile: 'umap.npy' } },
      }),
    );
    const r = explain('config-layer', join(dir, 'cells.h5ad'));
    assert.equal(r.paramSources?.layer, 'config');
    sameModules(r, fromCsv(), 'config layer');
    // Run from another folder: the relative path is the config file's, and the result stores it relative to itself.
    const n = lava(['explain', join(dir, 'x.npy'), '--quiet', '--out', join(dir, 'x.json')], out);
    assert.equal(n.code, 0, n.stderr);
    const stored = decodeResult(readFileSync(join(dir, 'x.json'), 'utf8'), 'x.json');
    assert.equal(stored.params.embeddingFile, 'umap.npy');
    assert.deepEqual(numbers(stored.modules), numbers(fromCsv().modules));
  },
);

test('--obsm picks another embedding; --var-names names the features by a var column', { skip }, () => {
  const tsne = explain('tsne', F.path('planted_dense.h5ad'), '--obsm', 'X_tsne', '--modules', '2');
  assert.deepEqual(tsne.embedding.columns, ['X_tsne_1', 'X_tsne_2']);
  // Stored as Float32 (schema 2): the fixture's values as Float32.
  assert.deepEqual(tsne.embedding.coords, Float32Array.from(F.expected.planted.X_tsne));
  const ids = explain('ids', F.path('planted_csr.h5ad'), '--var-names', 'gene_ids');
  assert.deepEqual(ids.features, F.expected.planted.gene_ids);
  assert.deepEqual(numbers(ids.modules), numbers(fromCsv().modules));
  refused(
    [F.path('planted_dense.h5ad'), '--obsm', 'X_pca'],
    /has no embedding "X_pca".*X_umap \(2-D\), X_tsne \(2-D\)|X_tsne \(2-D\), X_umap \(2-D\)/,
  );
  refused([F.path('planted_dense.h5ad'), '--var-names', 'nope'], /var has no column "nope".*gene_ids/);
  refused(
    [F.path('planted_dense.h5ad'), '--obsm', 'X_tsne', '--embedding-file', F.path('planted_umap.npy')],
    /the embedding is named twice, by --obsm and --embedding-file/,
  );
});

test('.npy features with an embedding file and a metadata file, rows matched by position', { skip }, () => {
  const r = explain(
    'npy',
    F.path('planted_X.npy'),
    '--embedding-file',
    F.path('planted_umap.npy'),
    '--metadata-file',
    F.path('planted_meta.csv'),
  );
  const csv = fromCsv();
  assert.deepEqual(numbers(r.modules), numbers(csv.modules));
  assert.deepEqual(
    r.features,
    Array.from({ length: 12 }, (_, j) => String(j)),
  );
  assert.deepEqual(r.embedding.columns, ['planted_umap_1', 'planted_umap_2']);
  assert.equal(r.rowNames, undefined, 'an .npy names no rows');
  assert.deepEqual(
    r.metadata.map((m) => m.name),
    ['barcode', 'leiden', 'cell_type'],
  );
  const barcode = r.metadata[0];
  assert.ok(barcode.kind === 'text');
  assert.equal(barcode.categories[barcode.codes[599]], 'AAAC0599-1');
  // The same CSV with its embedding in a file: its own umap columns are then metadata, not features.
  const beside = explain('csv-beside', F.path('planted.csv'), '--embedding-file', F.path('planted_umap.npy'));
  assert.deepEqual(numbers(beside.modules), numbers(csv.modules));
  assert.ok(beside.metadata.some((m) => m.name === 'umap_1'));
  assert.ok(!beside.features.includes('umap_1'));
});

test('row counts that disagree, a missing embedding and an --out over an input are refused', { skip }, () => {
  const npy = F.path('planted_X.npy');
  refused(
    [npy, '--embedding-file', F.path('planted_umap_short.npy')],
    /planted_umap_short\.npy: has 599 rows where the data file planted_X\.npy has 600\. .*--embedding-file/,
  );
  const dir = tempDir();
  const shortMeta = join(dir, 'meta.csv');
  writeFileSync(
    shortMeta,
    readFileSync(F.path('planted_meta.csv'), 'utf8').split('\n').slice(0, 11).join('\n'),
  );
  refused(
    [npy, '--embedding-file', F.path('planted_umap.npy'), '--metadata-file', shortMeta],
    /meta\.csv: has 10 rows where the data file planted_X\.npy has 600.*--metadata-file/,
  );
  refused([npy], /planted_X\.npy: has no embedding\. .*--embedding-file.*--umap/);
  // The embedding file is an input like the data: never replaced by the result.
  const emb = join(dir, 'umap.npy');
  copyFileSync(F.path('planted_umap.npy'), emb);
  const r = lava(['explain', npy, '--embedding-file', emb, '--out', emb, '--quiet']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--out names an input file/);
  assert.deepEqual(readFileSync(emb), readFileSync(F.path('planted_umap.npy')));
});

/** planted.csv's columns with their values, for the npm writers. */
async function plantedColumns() {
  const t = await readTableFile(F.path('planted.csv'));
  return t.columns.map((c) => ({
    name: c.name,
    values: c.kind === 'numeric' ? Array.from(c.values) : c.values,
  }));
}

for (const codec of ['SNAPPY', 'ZSTD'] as ParquetCodec[]) {
  test(`Parquet (${codec}) from hyparquet-writer gives the CSV modules`, { skip }, async () => {
    const cols = await plantedColumns();
    const path = join(tempDir(), `planted-${codec}.parquet`);
    await writeParquetColumns(
      path,
      cols.map((c) => {
        const integer = c.name === 'RNA_snn_res.1' || c.name === 'seurat_clusters';
        const type = c.name === 'barcode' ? 'STRING' : integer ? 'INT32' : 'DOUBLE';
        return { name: c.name, data: c.values, type };
      }),
      codec,
      256,
    );
    const r = explain(`parquet-${codec}`, path);
    const csv = fromCsv();
    assert.deepEqual(r.modules, csv.modules);
    assert.deepEqual(r.metadata, csv.metadata);
  });
}

test('Arrow IPC (.arrow and .feather) from apache-arrow gives the CSV modules', { skip }, async () => {
  const cols = await plantedColumns();
  const table = new Table(
    Object.fromEntries(
      cols.map((c) => {
        const integer = c.name === 'RNA_snn_res.1' || c.name === 'seurat_clusters';
        const type = c.name === 'barcode' ? new Utf8() : integer ? new Int32() : new Float64();
        return [c.name, vectorFromArray(c.values, type)];
      }),
    ),
  );
  const dir = tempDir();
  await writeArrowTable(join(dir, 'planted.arrow'), table, 'file', 'lz4', 250);
  await writeArrowTable(join(dir, 'planted.feather'), table, 'file', 'zstd', 250);
  for (const name of ['planted.arrow', 'planted.feather']) {
    const r = explain(name, join(dir, name));
    assert.deepEqual(r.modules, fromCsv().modules, name);
  }
});
