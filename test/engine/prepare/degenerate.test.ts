// Degenerate inputs get an error saying what to do, before any computing, instead of a run that ends in empty or
// repeated modules: one feature, an embedding without spread or out of the range of finite distances, fewer
// distinct points than localities. Too many modules for the pairs or localities are lowered with a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline } from '../../../src/engine/pipeline';
import { seededUniform } from '../../../src/engine/random';
import { DEFAULT_PARAMS, type LavaParams } from '../../../src/shared/params/types';
import { LavaInputError } from '../../../src/shared/errors';

/** A CSV of E rows: x, y from `point(i)`, then `F` features a0.. (correlated in pairs, so modules exist). */
function csv(E: number, F: number, point: (r: () => number, i: number) => [number, number]): Uint8Array {
  const r = seededUniform(1, 2);
  const lines = [['x', 'y', ...Array.from({ length: F }, (_, f) => `a${f}`)].join(',')];
  for (let i = 0; i < E; i++) {
    const [x, y] = point(r, i);
    const base = r();
    const feats = Array.from({ length: F }, (_, f) => (f % 2 === 0 ? base : base + 0.1 * r()) + f);
    lines.push([x, y, ...feats].join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const spread = (r: () => number): [number, number] => [r(), r()];

function run(bytes: Uint8Array, params: Partial<LavaParams> = {}) {
  return runPipeline({ file: 'd.csv', bytes, params: { ...DEFAULT_PARAMS, ...params } });
}

/** Rejects with an input error matching `problem`, naming `option`, that says what to do. */
async function refused(p: Promise<unknown>, problem: RegExp, option: string, hint: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof LavaInputError, String(e));
    assert.match(e.problem, problem);
    assert.equal(e.option, option);
    assert.match(e.hint, hint);
    assert.equal(e.file, 'd.csv');
    return true;
  });
}

test('one feature: refused (its modules could only be empty), naming the features option', async () => {
  await refused(
    run(csv(120, 1, spread)),
    /only one feature \("a0"\).*at least 2/,
    'features',
    /\{option:features\}/,
  );
  // One left after a constant one is dropped says so.
  const bytes = new TextEncoder().encode(
    'x,y,a,b\n' + Array.from({ length: 60 }, (_, i) => `${i % 7},${i % 5},${i * 3},1`).join('\n'),
  );
  await refused(run(bytes), /only one feature \("a"\)/, 'features', /^1 constant feature was dropped/);
});

test('an embedding that is one repeated point, or has a constant column: refused', async () => {
  await refused(
    run(csv(120, 4, () => [1, 1])),
    /every row has the same embedding point \(1, 1\)/,
    'embedding',
    /\{option:embedding\}.*\{option:umap\}/,
  );
  await assert.rejects(run(csv(120, 4, (r) => [r(), 3])), (e: unknown) => {
    assert.ok(e instanceof LavaInputError);
    assert.match(e.problem, /embedding column has the same value \(3\) in every row/);
    assert.equal(e.columnName, 'y');
    return true;
  });
});

test('coordinates whose squared distances overflow or underflow, or that vary past 7 digits: refused', async () => {
  await refused(
    run(csv(120, 4, (r) => [r() * 1e300, r()])),
    /spans more than 1e\+100 .*overflow/,
    'embedding',
    /Divide the embedding columns/,
  );
  await refused(
    run(csv(120, 4, (r) => [r() * 1e-300, r()])),
    /spans less than 1e-100 .*underflow/,
    'embedding',
    /Multiply the embedding columns/,
  );
  await refused(
    run(csv(120, 4, (r) => [1e6 + r() * 1e-3, r()])),
    /varies only beyond its 6th significant digit/,
    'embedding',
    /Subtract a constant/,
  );
  // Large but sane coordinates (a UTM grid) pass.
  const ok = await run(
    csv(120, 4, (r) => [4.5e6 + 1e4 * r(), 6e5 + 1e4 * r()]),
    { modules: 2 },
  );
  assert.equal(ok.result.rowCount, 120);
});

test('fewer distinct embedding points than localities: refused, naming neighbours and overlap', async () => {
  // 120 rows at 6 places; n = 40 and o = 3 ask for 9 localities.
  const six = (_: unknown, i: number): [number, number] => [i % 3, i % 2];
  await refused(
    run(csv(120, 4, six)),
    /only 6 distinct embedding points for 9 localities/,
    'neighbors',
    /raise \{option:neighbors\} or lower \{option:overlap\}/,
  );
  const fewer = await run(csv(120, 4, six), { overlap: 1.5, modules: 2 });
  assert.equal(fewer.result.localities.count, 5);
});

test('more modules than sign-split pairs or localities: lowered to what they can hold, with a note', async () => {
  const two = await run(csv(120, 2, spread), { modules: 8 });
  assert.equal(two.result.params.modules, 2);
  assert.equal(two.result.modules.length, 2);
  assert.ok(
    two.result.notes.includes(
      'modules lowered from 8 to 2 (2 features give 1 pair, each positive or negative)',
    ),
  );
  const few = await run(csv(120, 6, spread), { overlap: 0.5, modules: 4 });
  assert.equal(few.result.localities.count, 2);
  assert.equal(few.result.params.modules, 2);
  assert.ok(few.result.notes.includes('modules lowered from 4 to 2 (2 localities)'));
  // "auto" tries no k above what they hold either: its range is lowered, and the k it chooses lies in it.
  const auto = await run(csv(120, 6, spread), { overlap: 0.5, modules: 'auto' });
  assert.deepEqual(auto.result.params.modulesRange, [2, 2]);
  assert.ok(
    auto.result.notes.includes('modulesRange lowered from 2..16 to 2..2 (2 localities)'),
    auto.result.notes.join('\n'),
  );
  assert.equal(auto.result.modules.length, 2);
});

test('with --umap, a feature spanning beyond 1e100 is refused (distances would overflow), naming it', async () => {
  // Found by the CLI fuzzer: a cell of 1e308 made UMAP's mean kNN distance Infinity and crashed a worker.
  const lines = ['x,y,a,b,c'];
  const r = seededUniform(3, 4);
  for (let i = 0; i < 60; i++) lines.push([r(), r(), r(), r(), i === 7 ? '1e308' : r()].join(','));
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  await assert.rejects(run(bytes, { umap: true, embedding: [] }), (e: unknown) => {
    assert.ok(e instanceof LavaInputError, String(e));
    assert.match(e.problem, /feature spans more than 1e\+100 .*UMAP .*overflow/);
    assert.equal(e.columnName, 'c');
    assert.equal(e.option, 'umap');
    return true;
  });
});
