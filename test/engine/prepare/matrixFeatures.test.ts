// A matrix's features chosen from streaming statistics: only the kept features of the kept rows are ever read
// dense, rows with a non-finite value in a candidate (or the embedding) are dropped and named, and the
// selection is the one a brute-force pass over the same values makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFeatures } from '../../../src/engine/prepare/matrixFeatures';
import type { RowSource } from '../../../src/engine/prepare/badRows';
import type { FeatureMatrix } from '../../../src/engine/read/dataset';
import { denseMatrix } from '../../../src/engine/read/denseMatrix';
import { LavaInputError } from '../../../src/shared/errors';

/** A rows x cols matrix in memory, read in chunks of 7 values, that records every block asked of it. */
function matrix(values: number[][], names?: string[]) {
  const rows = values.length;
  const cols = values[0].length;
  const flat = values.flat();
  const m = denseMatrix(
    {
      file: 'm.npy',
      source: 'the test array',
      rows,
      cols,
      names: names ?? Array.from({ length: cols }, (_, c) => `g${c}`),
      async *readRows(rowsPerChunk) {
        for (let r = 0; r < rows; r += rowsPerChunk) {
          const n = Math.min(rowsPerChunk, rows - r);
          yield { row0: r, rowCount: n, values: flat.slice(r * cols, (r + n) * cols) };
        }
      },
    },
    7,
  );
  const blocks: { columns: number[]; rows: number | 'all' }[] = [];
  const spy: FeatureMatrix = {
    ...m,
    block: (columns, opts) => {
      blocks.push({ columns: Array.from(columns), rows: opts?.rows?.length ?? 'all' });
      return m.block(columns, opts);
    },
  };
  return { m: spy, blocks };
}

const rowsOf = (n: number): RowSource => ({ file: 'm.npy', rowCount: n, rowNames: { kind: 'position' } });

/** 12 rows x 6 features: g0 constant, spreads g1 < g2 < g3 < g4 < g5 (population sd 1, 2, ..., 5 times a unit). */
function values(): number[][] {
  const unit = [1, -1, 2, -2, 0, 3, -3, 1, -1, 0, 2, -2];
  return unit.map((u, r) => [4, 1 * u, 2 * u + 7, 3 * u, 4 * u - 1, 5 * u + (r % 2 === 0 ? 0 : 1e-9)]);
}

test('the maxFeatures most variable are kept in file order, the constant one dropped; one block of just those', async () => {
  const { m, blocks } = matrix(values());
  const notes: string[] = [];
  const got = await matrixFeatures(rowsOf(12), m, null, { features: [], maxFeatures: 3 }, notes);
  assert.deepEqual(got.features, ['g3', 'g4', 'g5']);
  assert.deepEqual(got.droppedFeatures, [
    { name: 'g0', reason: 'constant' },
    { name: 'g1', reason: 'low-variance' },
    { name: 'g2', reason: 'low-variance' },
  ]);
  // Never the whole matrix: the one dense read holds the 3 kept features of all rows.
  assert.deepEqual(blocks, [{ columns: [3, 4, 5], rows: 12 }]);
  const want = values().flatMap((row) => [row[3], row[4], row[5]]);
  assert.deepEqual(Array.from(got.X), want);
  assert.equal(got.droppedRows.count, 0);
  assert.deepEqual(
    Array.from(got.keptRows),
    Array.from({ length: 12 }, (_, r) => r),
  );
  assert.deepEqual(notes, [
    'dropped 1 constant feature: g0',
    'kept the 3 most variable of 5 features (maxFeatures = 3); dropped 2 less variable',
  ]);
});

test('rows with NaN in a feature or the embedding are dropped, named, and left out of the spread', async () => {
  const v = values();
  v[4][2] = NaN;
  v[9][5] = Infinity;
  // g1 varies only in row 7, which the embedding drops: over the kept rows it is constant.
  for (let r = 0; r < 12; r++) v[r][1] = r === 7 ? 50 : 3;
  const { m } = matrix(v);
  const notes: string[] = [];
  const embedding = { name: 'X_umap', index: -1, bad: [7] };
  const got = await matrixFeatures(rowsOf(12), m, embedding, { features: [], maxFeatures: 10 }, notes);
  assert.deepEqual(Array.from(got.keptRows), [0, 1, 2, 3, 5, 6, 8, 10, 11]);
  assert.deepEqual(got.droppedRows, {
    count: 3,
    examples: [
      { line: 5, column: 'g2' },
      { line: 8, column: 'X_umap' },
      { line: 10, column: 'g5' },
    ],
  });
  assert.ok(
    notes.includes('dropped 3 rows with missing values (first at row 5, column g2)'),
    notes.join('|'),
  );
  assert.deepEqual(
    got.droppedFeatures.map((d) => d.name),
    ['g0', 'g1'],
  );
  assert.deepEqual(got.features, ['g2', 'g3', 'g4', 'g5']);
  const kept = [0, 1, 2, 3, 5, 6, 8, 10, 11];
  assert.deepEqual(
    Array.from(got.X),
    kept.flatMap((r) => [v[r][2], v[r][3], v[r][4], v[r][5]]),
  );
});

test('named features: a NaN in a feature not named drops no row; unknown names are refused', async () => {
  const v = values();
  v[3][1] = NaN;
  v[6][4] = NaN;
  const { m } = matrix(v);
  const got = await matrixFeatures(rowsOf(12), m, null, { features: ['g5', 'g4'], maxFeatures: 10 }, []);
  assert.deepEqual(got.features, ['g5', 'g4'], 'in the order named');
  assert.equal(got.droppedRows.count, 1);
  assert.deepEqual(got.droppedRows.examples, [{ line: 7, column: 'g4' }]);
  await assert.rejects(
    matrixFeatures(rowsOf(12), m, null, { features: ['g5', 'CD3E'], maxFeatures: 10 }, []),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.option === 'features' &&
      /has no feature "CD3E" in the test array/.test(e.message) &&
      /g0, g1, g2, g3, g4, g5/.test(e.hint),
  );
});

test('repeated feature names (as var_names may be) are made unique, with a note', async () => {
  const { m } = matrix(values(), ['A', 'B', 'B', 'C', 'B', 'B-1']);
  const notes: string[] = [];
  const got = await matrixFeatures(rowsOf(12), m, null, { features: [], maxFeatures: 10 }, notes);
  assert.deepEqual(got.features, ['B', 'B-2', 'C', 'B-3', 'B-1']);
  assert.ok(notes.includes('feature names repeat: renamed 2 as B-2, B-3'), notes.join('|'));
});

test('every row bad: an input error naming the file and the column, without a line', async () => {
  const v = values().map((row) => row.map((x, c) => (c === 3 ? NaN : x)));
  const { m } = matrix(v);
  await assert.rejects(
    matrixFeatures(rowsOf(12), m, null, { features: [], maxFeatures: 10 }, []),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.file === 'm.npy' &&
      e.line === undefined &&
      e.columnName === 'g3' &&
      /every row has a missing/.test(e.message),
  );
});
