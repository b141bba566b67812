// The 'profiles' NMF start: on overlapping blob types it finds the parts where NNDSVD finds the blob types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nmf } from '../../../src/engine/factorize/nmf';
import { profileInit } from '../../../src/engine/factorize/profileInit';
import { signSplit } from '../../../src/engine/factorize/sparse';
import type { LocalityCorrelations } from '../../../src/engine/types';
import { cosine, fromDense } from './nmfFixtures';

const F = 8;
const P = (F * (F - 1)) / 2; // 28 pairs
/** Three modules on disjoint pairs, with signs: module m owns pairs 4m .. 4m+3. */
const PARTS: number[][] = [0, 1, 2].map((m) => {
  const h = new Array<number>(P).fill(0);
  for (let i = 0; i < 4; i++) h[4 * m + i] = (i % 2 ? -1 : 1) * (0.5 + 0.1 * i + 0.05 * m);
  return h;
});
/**
 * Blob types as sets of modules switched on together (overlapping, as planted seeds make them: module 0
 * in blobs {a, b}, module 1 in {a}, module 2 in {b, c}): A's rows are their sums.
 */
const BLOB_TYPES = [[0, 1], [0, 2], [2]]; // prettier-ignore
const PER_TYPE = 4;

/** l = 12 localities, 4 per blob type, each row = (a slightly different weight) x the sum of its modules. */
function overlappingBlobs(): LocalityCorrelations {
  const l = BLOB_TYPES.length * PER_TYPE;
  const R = new Float64Array(l * P);
  let p = 0;
  for (const type of BLOB_TYPES)
    for (let r = 0; r < PER_TYPE; r++, p++)
      for (const m of type) for (let q = 0; q < P; q++) R[p * P + q] += (1 + 0.1 * r) * PARTS[m][q];
  return fromDense(R, l, F);
}

/** For each target pattern, the best cosine among the k found patterns. */
function bestCosines(targets: number[][], patterns: Float32Array, k: number): number[] {
  return targets.map((t) => {
    let best = -1;
    for (let j = 0; j < k; j++) best = Math.max(best, cosine(t, patterns.subarray(j * P, (j + 1) * P)));
    return best;
  });
}

const blobTypePatterns = BLOB_TYPES.map((type) =>
  PARTS[0].map((_, q) => type.reduce((s, m) => s + PARTS[m][q], 0)),
);

test('nndsvd settles on the blob types, not the parts (the failure the profiles start fixes)', async () => {
  const f = await nmf(overlappingBlobs(), { modules: 3, seed: 0 }, { tol: 1e-10, maxIter: 2000 });
  assert.ok(f.error < 1e-3, `exact fit expected, error ${f.error}`);
  // Modules 0 and 1 only come as sums (module 2 alone is also blob type 2): cosine about 1/sqrt(2).
  const parts = bestCosines(PARTS, f.patterns, 3);
  assert.ok(parts[0] < 0.9 && parts[1] < 0.9, `part cosines ${parts.join(', ')}`);
  for (const c of bestCosines(blobTypePatterns, f.patterns, 3)) assert.ok(c > 0.99, `blob type cosine ${c}`);
});

test('profiles start: one component per module, loadings on exactly the blobs of that module', async () => {
  const corr = overlappingBlobs();
  const f = await nmf(corr, { modules: 3, seed: 0, nmfInit: 'profiles' }, { tol: 1e-10, maxIter: 2000 });
  assert.ok(f.error < 1e-6, `exact fit expected, error ${f.error}`);
  for (const c of bestCosines(PARTS, f.patterns, 3)) assert.ok(c > 0.9999, `part cosine ${c}`);
  // The component of module m loads on the localities of the blob types holding m, and only there.
  for (let m = 0; m < 3; m++) {
    let j = 0;
    while (cosine(PARTS[m], f.patterns.subarray(j * P, (j + 1) * P)) < 0.9999) j++;
    for (let p = 0; p < corr.count; p++) {
      const on = BLOB_TYPES[Math.floor(p / PER_TYPE)].includes(m);
      const w = f.W[p * 3 + j];
      assert.ok(on ? w > 0.1 : w < 1e-9, `module ${m} locality ${p}: loading ${w}`);
    }
  }
});

test('profileInit groups the columns by locality profile and projects each on its centroid', () => {
  const a = signSplit(overlappingBlobs());
  const k = 3;
  const { W, Ht } = profileInit(a, k);
  // Every active column (12 pairs, one sign each) sits in exactly one component, with the
  // columns of one module together; the component's W column is the module's unit profile.
  assert.equal(a.cols, 12);
  const compOf = new Int32Array(a.cols).fill(-1);
  for (let c = 0; c < a.cols; c++)
    for (let j = 0; j < k; j++)
      if (Ht[c * k + j] !== 0) {
        assert.equal(compOf[c], -1, `column ${c} in two components`);
        compOf[c] = j;
      }
  for (let c = 0; c < a.cols; c++) {
    const q = a.colOf[c] % P;
    const m = Math.floor(q / 4);
    const first = a.colOf.findIndex((o) => Math.floor((o % P) / 4) === m);
    assert.equal(compOf[c], compOf[first], `column ${c} (module ${m})`);
    // The profile of module m: weight 1 + 0.1 r on the localities of the types holding m.
    const profile = Array.from({ length: a.rows }, (_, p) =>
      BLOB_TYPES[Math.floor(p / PER_TYPE)].includes(m) ? 1 + 0.1 * (p % PER_TYPE) : 0,
    );
    const w = Array.from({ length: a.rows }, (_, p) => W[p * k + compOf[c]]);
    assert.ok(Math.abs(cosine(profile, w) - 1) < 1e-12, `centroid of module ${m}`);
    // Ht = |a_c| (the projection of a column on its own exact direction), since cos = 1.
    const expected = Math.abs(PARTS[m][q]) * Math.hypot(...profile);
    assert.ok(Math.abs(Ht[c * k + compOf[c]] - expected) < 1e-5 * expected, `Ht of column ${c}`);
  }
  assert.equal(new Set(compOf).size, 3);
});

test('profiles start is deterministic and ignores the seed', async () => {
  const corr = overlappingBlobs();
  const f1 = await nmf(corr, { modules: 4, seed: 1, nmfInit: 'profiles' });
  const f2 = await nmf(corr, { modules: 4, seed: 99, nmfInit: 'profiles' });
  assert.deepEqual(Buffer.from(f1.W.buffer), Buffer.from(f2.W.buffer));
  assert.deepEqual(Buffer.from(f1.patterns.buffer), Buffer.from(f2.patterns.buffer));
});

test('more components than directions: the spare ones stay empty; no columns: all zero', async () => {
  const a = signSplit(overlappingBlobs());
  const { W, Ht } = profileInit(a, 5);
  // Only 3 distinct profiles: farthest-first stops at 3 centres.
  for (let j = 3; j < 5; j++) {
    for (let p = 0; p < a.rows; p++) assert.equal(W[p * 5 + j], 0);
    for (let c = 0; c < a.cols; c++) assert.equal(Ht[c * 5 + j], 0);
  }
  const empty: LocalityCorrelations = { ...overlappingBlobs(), rowPtr: new Int32Array(13), pairIndex: new Int32Array(0), value: new Float32Array(0) }; // prettier-ignore
  const z = profileInit(signSplit(empty), 3);
  assert.ok(z.W.every((v) => v === 0) && z.Ht.length === 0);
});
