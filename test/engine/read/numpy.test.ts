// The .npy and .npz readers against files numpy wrote: element types, byte order, stored and deflated
// zips, chunks smaller than a row, and every bad input (Fortran order, objects, text, no such array).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpy } from '../../../src/engine/read/npy';
import { readNpz } from '../../../src/engine/read/npz';
import type { FeatureMatrix } from '../../../src/engine/read/dataset';
import { LavaCancelled } from '../../../src/shared/errors';
import { formatFixtures, type Fixtures } from './formatFixtures';
import { rejectsInput as rejects } from './rejectsInput';

const fx = formatFixtures();
const skip = typeof fx === 'string' ? fx : false;
const F = fx as Fixtures;
const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function matrixOf(m: FeatureMatrix | null): FeatureMatrix {
  assert.ok(m !== null);
  return m;
}

test(
  '.npy of float32, big-endian float64, int16 and bool give the values numpy saved',
  { skip },
  async () => {
    const e = F.expected.numpy;
    const cases: [string, number[]][] = [
      ['features_f4.npy', e.X],
      ['features_f8_be.npy', e.X],
      ['features_i2.npy', e.i2],
      ['features_bool.npy', e.bool],
    ];
    for (const [name, want] of cases) {
      const ds = await readNpy(F.path(name), { chunkElements: 5 });
      assert.equal(ds.rowCount, e.rows);
      assert.deepEqual(ds.rowNames, { kind: 'position' });
      const m = matrixOf(ds.matrix);
      assert.deepEqual(m.names, all(e.cols).map(String));
      assert.deepEqual(Array.from(await m.block(all(e.cols))), want, name);
    }
  },
);

test('.npy stats match numpy and do not depend on the chunk size', { skip }, async () => {
  const e = F.expected.numpy;
  for (const chunkElements of [1, 4, 1 << 20]) {
    const s = await matrixOf((await readNpy(F.path('features_f4.npy'), { chunkElements })).matrix).stats();
    s.mean.forEach((v, j) => assert.ok(Math.abs(v - e.X_stats.mean[j]) < 1e-12, `mean ${j}`));
    s.variance.forEach((v, j) => assert.ok(Math.abs(v - e.X_stats.variance[j]) < 1e-12, `variance ${j}`));
  }
});

for (const name of ['bundle.npz', 'bundle_compressed.npz']) {
  test(`${name}: X is the matrix, umap an embedding candidate, label a column`, { skip }, async () => {
    const e = F.expected.numpy;
    const ds = await readNpz(F.path(name), { chunkElements: 3 });
    assert.equal(ds.rowCount, e.rows);
    assert.deepEqual(Array.from(await matrixOf(ds.matrix).block(all(e.cols))), e.X);
    assert.deepEqual(ds.choices, { layer: ['X', 'umap'], obsm: ['umap'] });
    assert.equal(ds.embeddings.length, 1);
    assert.deepEqual(Array.from(await ds.embeddings[0].read()), e.umap);
    const label = ds.columns.find((c) => c.name === 'label');
    assert.ok(label?.kind === 'numeric');
    assert.deepEqual(Array.from(label.values), e.label);
  });
}

test('an .npz array other than X is chosen with the layer option', { skip }, async () => {
  const ds = await readNpz(F.path('bundle_compressed.npz'), { layer: 'umap' });
  assert.deepEqual(Array.from(await matrixOf(ds.matrix).block([0, 1])), F.expected.numpy.umap);
});

test('Fortran order, objects, text and 1-D arrays are refused with what to do', { skip }, async () => {
  const fortran = await rejects(() => readNpy(F.path('fortran.npy')), /Fortran \(column-major\) order/);
  assert.match(fortran.hint, /ascontiguousarray/);
  await rejects(() => readNpy(F.path('object.npy')), /Python objects \(dtype=object\), not numbers/);
  await rejects(() => readNpy(F.path('strings.npy')), /holds text \(dtype <U1\), not numbers/);
  await rejects(() => readNpy(F.path('vector.npy')), /1-D array/);
});

test('an .npz without the expected array lists the arrays it has, naming the option', { skip }, async () => {
  const noX = await rejects(() => readNpz(F.path('no_x.npz')), /has no array named "X"/, { option: 'layer' });
  assert.match(noX.hint, /the arrays are: a, b/);
  const named = await rejects(() => readNpz(F.path('bundle.npz'), { layer: 'pca' }), /has no array "pca"/, {
    option: 'layer',
  });
  assert.match(named.hint, /X, umap, label/);
});

test('truncated and damaged .npy and .npz files are input errors naming the file', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lava-npy-'));
  const npy = readFileSync(F.path('features_f4.npy'));
  const cut = join(dir, 'cut.npy');
  writeFileSync(cut, npy.subarray(0, npy.length - 10));
  const e1 = await rejects(() => readNpy(cut), /is cut short/);
  assert.equal(e1.file, cut);
  const text = join(dir, 'text.npy');
  writeFileSync(text, 'a,b\n1,2\n');
  await rejects(() => readNpy(text), /not a NumPy array file \(no \\x93NUMPY signature\)/);
  for (const name of ['bundle.npz', 'bundle_compressed.npz']) {
    const zip = readFileSync(F.path(name));
    const p = join(dir, `cut-${name}`);
    writeFileSync(p, zip.subarray(0, Math.floor(zip.length * 0.4)));
    await rejects(() => readNpz(p), /is not a readable NumPy .npz file \(invalid zip data\)/);
  }
  const notZip = join(dir, 'not.npz');
  writeFileSync(notZip, 'hello');
  await rejects(() => readNpz(notZip), /no zip entries/);
});

test(
  'a matrix pass reports progress up to 1 and stops with LavaCancelled when the signal fires',
  { skip },
  async () => {
    const m = matrixOf((await readNpy(F.path('features_f4.npy'), { chunkElements: 11 })).matrix);
    const seen: number[] = [];
    await m.stats({ onProgress: (f) => seen.push(f) });
    assert.equal(seen[seen.length - 1], 1);
    assert.ok(seen.length > 10, 'one report per chunk of a row');
    const ac = new AbortController();
    await assert.rejects(
      m.block([0, 1], { signal: ac.signal, onProgress: (f) => f > 0.3 && ac.abort() }),
      (e: unknown) => e instanceof LavaCancelled,
    );
  },
);
