// The .h5ad reader against files written by anndata: obs columns, names, obsm, X dense/CSR/CSC, layers,
// raw/X, chunks that end inside rows, and every bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readH5ad } from '../../../src/engine/read/h5ad/h5ad';
import type { Dataset, DatasetColumn, FeatureMatrix } from '../../../src/engine/read/dataset';
import { formatFixtures, type Fixtures } from './formatFixtures';
import { rejectsInput as rejects } from './rejectsInput';

const fx = formatFixtures();
const skip = typeof fx === 'string' ? fx : false;
const F = fx as Fixtures;
const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function column(ds: Dataset, name: string): DatasetColumn {
  const c = ds.columns.find((col) => col.name === name);
  assert.ok(c !== undefined, `column ${name}`);
  return c;
}

function close(actual: ArrayLike<number>, expected: number[], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i]));
    assert.ok(ok, `${what}[${i}] = ${actual[i]}, expected ${expected[i]}`);
  }
}

test(
  'obs columns keep their types: categorical codes + categories, numbers with NaN rows, booleans, strings',
  { skip },
  async () => {
    const ds = await readH5ad(F.path('cells_dense.h5ad'));
    const e = F.expected.h5ad;
    assert.equal(ds.rowCount, e.n_obs);
    assert.deepEqual(ds.rowNames, { kind: 'name', names: e.obs_names });
    for (const [name, want] of Object.entries(e.obs)) {
      const col = column(ds, name);
      assert.equal(col.kind, want.kind, name);
      if (col.kind === 'categorical') {
        assert.deepEqual(Array.from(col.codes), want.codes, `${name} codes`);
        assert.deepEqual(col.categories, want.categories, `${name} categories`);
      } else if (col.kind === 'text') {
        assert.deepEqual(col.values, want.values);
      } else if (col.kind === 'numeric') {
        const values = want.values as (number | null)[];
        values.forEach((v, r) =>
          v === null ? assert.ok(Number.isNaN(col.values[r])) : assert.equal(col.values[r], v),
        );
        assert.deepEqual(
          Array.from(col.bad),
          values.flatMap((v, r) => (v === null ? [r] : [])),
        );
      }
    }
    // The fixture has a missing cell type (code -1) and a missing count, so both paths are exercised.
    assert.ok((e.obs.cell_type.codes ?? []).includes(-1));
    assert.equal(Array.from((column(ds, 'n_counts') as { bad: Int32Array }).bad).length, 1);
  },
);

test(
  'feature names from var index by default, or a var column; choices list layers, obsm and name columns',
  { skip },
  async () => {
    const e = F.expected.h5ad;
    const ds = await readH5ad(F.path('cells_csr.h5ad'));
    assert.deepEqual(ds.matrix?.names, e.var_names);
    assert.deepEqual(ds.choices, {
      layer: ['X', ...e.layers, 'raw/X'],
      obsm: ['X_pca', 'X_umap'],
      varNames: ['gene_ids'],
    });
    const byId = await readH5ad(F.path('cells_csr.h5ad'), { varNames: 'gene_ids' });
    assert.deepEqual(byId.matrix?.names, e.gene_ids);
  },
);

test('obsm entries are embedding candidates with the values anndata wrote', { skip }, async () => {
  const ds = await readH5ad(F.path('cells_dense.h5ad'));
  for (const c of ds.embeddings) {
    close(await c.read(), F.expected.h5ad.obsm[c.key], 1e-7, c.key);
    assert.equal(c.dims, c.key === 'X_umap' ? 2 : 4);
  }
});

for (const name of ['cells_dense', 'cells_csr', 'cells_csc']) {
  test(
    `${name}: X block and stats equal what anndata wrote, with chunks that end inside rows`,
    { skip },
    async () => {
      const e = F.expected.h5ad;
      for (const chunkElements of [3, 7, 1 << 20]) {
        const m = (await readH5ad(F.path(`${name}.h5ad`), { chunkElements })).matrix as FeatureMatrix;
        close(await m.block(all(e.n_vars)), e.X, 0, 'X');
        const s = await m.stats();
        close(s.mean, e.X_stats.mean, 1e-12, 'mean');
        close(s.variance, e.X_stats.variance, 1e-12, 'variance');
        assert.equal(s.variance[3], 0, 'the all-zero gene has no variance');
        assert.equal(s.min[3], s.max[3]);
      }
    },
  );
}

test(
  'dense, CSR and CSC give bit-identical stats and blocks, also on a subset of rows in any column order',
  { skip },
  async () => {
    const rows = Int32Array.from([0, 4, 10, 11, 36]);
    const cols = [9, 0, 5, 3];
    const got = await Promise.all(
      ['cells_dense', 'cells_csr', 'cells_csc'].map(async (n) => {
        const m = (await readH5ad(F.path(`${n}.h5ad`), { chunkElements: 4 })).matrix as FeatureMatrix;
        return { stats: await m.stats({ rows }), block: await m.block(cols, { rows }) };
      }),
    );
    const X = F.expected.h5ad.X;
    const nv = F.expected.h5ad.n_vars;
    const want = Array.from(rows).flatMap((r) => cols.map((c) => X[r * nv + c]));
    for (const g of got) {
      assert.deepEqual(Array.from(g.block), want);
      assert.deepEqual(g.stats, got[0].stats);
    }
    assert.equal(got[0].stats.rows, rows.length);
  },
);

test('a layer, raw/X (with its own var) and an integer layer are read as features', { skip }, async () => {
  const e = F.expected.h5ad;
  const counts = (await readH5ad(F.path('cells_csc.h5ad'), { layer: 'counts' })).matrix as FeatureMatrix;
  close(await counts.block(all(e.n_vars)), e.counts, 0, 'counts');
  const scaled = (await readH5ad(F.path('cells_dense.h5ad'), { layer: 'scaled_csr', chunkElements: 5 }))
    .matrix as FeatureMatrix;
  close(await scaled.block(all(e.n_vars)), e.scaled_csr, 0, 'scaled_csr');
  const raw = (await readH5ad(F.path('cells_dense.h5ad'), { layer: 'raw/X', chunkElements: 6 }))
    .matrix as FeatureMatrix;
  assert.deepEqual(raw.names, e.raw_var_names);
  close(await raw.block(all(e.raw_var_names.length)), e.raw_X, 0, 'raw/X');
  const s = await raw.stats();
  close(s.variance, e.raw_stats.variance, 1e-12, 'raw variance');
});

test(
  'a missing layer or var column is an input error listing what there is, naming the option',
  { skip },
  async () => {
    const layer = await rejects(
      () => readH5ad(F.path('cells_dense.h5ad'), { layer: 'spliced' }),
      /has no layer "spliced"/,
      { option: 'layer' },
    );
    assert.match(layer.hint, /X, counts, scaled_csr, raw\/X/);
    const names = await rejects(
      () => readH5ad(F.path('cells_dense.h5ad'), { varNames: 'symbol' }),
      /var has no column "symbol"/,
      { option: 'varNames' },
    );
    assert.match(names.hint, /gene_ids/);
  },
);

test(
  'a truncated, a damaged and a non-HDF5 file each get an input error naming the file',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lava-h5ad-'));
    const whole = readFileSync(F.path('cells_csr.h5ad'));
    const truncated = join(dir, 'truncated.h5ad');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const e1 = await rejects(() => readH5ad(truncated), /is cut short/);
    assert.equal(e1.file, truncated);
    const text = join(dir, 'text.h5ad');
    writeFileSync(text, 'cell,gene\n1,2\n');
    await rejects(() => readH5ad(text), /is not an HDF5 file/);
    // Zeroed object headers after the superblock: HDF5 opens the file but cannot find obs.
    const damaged = join(dir, 'damaged.h5ad');
    const b = Buffer.from(whole);
    b.fill(0, 96, 4096);
    writeFileSync(damaged, b);
    await rejects(() => readH5ad(damaged), /cannot be read as HDF5 \(bad object header/);
    await rejects(() => readH5ad(join(dir, 'missing.h5ad')), /file not found/);
  },
);

test(
  'gzip-compressed files read the same; lzf (an h5py-only filter) is refused before HDF5 touches it',
  { skip },
  async () => {
    const e = F.expected.h5ad;
    for (const name of ['cells_csc_gzip', 'cells_dense_gzip']) {
      const m = (await readH5ad(F.path(`${name}.h5ad`), { chunkElements: 5 })).matrix as FeatureMatrix;
      close(await m.block(all(e.n_vars)), e.X, 0, name);
    }
    const err = await rejects(
      () => readH5ad(F.path('cells_dense_lzf.h5ad')),
      /is compressed with lzf, which this reader cannot decode/,
    );
    assert.match(err.hint, /compression="gzip"/);
  },
);

test('a file from anndata before 0.8 is named as such', { skip }, async () => {
  const err = await rejects(() => readH5ad(F.path('old_format.h5ad')), /anndata 0\.8/);
  assert.match(err.hint, /write_h5ad/);
});

test('a pass over a file that changed since it was read is refused', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lava-h5ad-'));
  const p = join(dir, 'cells.h5ad');
  copyFileSync(F.path('cells_csr.h5ad'), p);
  const m = (await readH5ad(p)).matrix as FeatureMatrix;
  copyFileSync(F.path('cells_dense.h5ad'), p);
  await rejects(() => m.stats(), /changed while it was being read/);
});
