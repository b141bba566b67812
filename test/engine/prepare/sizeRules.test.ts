// What the number of usable rows allows: the too-few-rows error and neighbours lowered to floor(E / 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../src/engine/read/dataset';
import { readTableBytes } from '../../../src/engine/read/table';
import { tableDataset } from '../../../src/engine/read/tableDataset';
import { prepare } from '../../../src/engine/prepare/prepare';
import { fitToRows, MIN_NEIGHBOURS } from '../../../src/engine/prepare/sizeRules';
import { LavaInputError } from '../../../src/shared/errors';
import { DEFAULT_PARAMS, type LavaParams } from '../../../src/shared/params/types';

/** A CSV of `rows` data rows (x, y, f, g), the rows listed in `missing` with an empty f. */
async function table(rows: number, missing: number[] = []) {
  const lines = ['x,y,f,g'];
  for (let i = 0; i < rows; i++)
    lines.push(`${i},${(i * 7) % 5},${missing.includes(i) ? '' : i % 3},${i % 4}`);
  return tableDataset(await readTableBytes(new TextEncoder().encode(lines.join('\n') + '\n'), 'rows.csv'));
}

const prep = (ds: Dataset, p: LavaParams) => prepare({ data: ds }, p);

const params = (p: Partial<LavaParams> = {}): LavaParams => ({ ...DEFAULT_PARAMS, ...p });

test('fewer than 3 x MIN_NEIGHBOURS usable rows: an error at the last data line, saying what was dropped', async () => {
  assert.equal(MIN_NEIGHBOURS, 5);
  const t = await table(14);
  const pt = await prep(t, params());
  assert.throws(
    () => fitToRows(t, pt, params()),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.file === 'rows.csv' &&
      e.line === 15 &&
      /too few rows: 14 usable rows, LAVA needs at least 15/.test(e.problem) &&
      e.hint === 'Add rows to the file.',
  );
  // 16 rows, 2 of them incomplete: 14 usable, and the hint says why.
  const u = await table(16, [3, 9]);
  const pu = await prep(u, params());
  assert.throws(
    () => fitToRows(u, pu, params()),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.line === 17 &&
      /^2 rows were dropped for missing or non-numeric values/.test(e.hint),
  );
});

test('neighbours above floor(E / 3) are lowered with a note; otherwise the params are kept as given', async () => {
  const t = await table(31);
  const p = params({ neighbors: 100 });
  const lowered = fitToRows(t, await prep(t, p), p);
  assert.equal(lowered.params.neighbors, 10);
  assert.deepEqual(lowered.notes, ['neighbours lowered from 100 to 10 (floor of 31 rows / 3)']);
  assert.equal(p.neighbors, 100, 'the params given are not changed');
  const q = params({ neighbors: 10 });
  const kept = fitToRows(t, await prep(t, q), q);
  assert.equal(kept.params, q);
  assert.deepEqual(kept.notes, []);
  // Exactly 15 rows: n = 5 still works.
  const s = await table(15);
  assert.equal(fitToRows(s, await prep(s, p), p).params.neighbors, 5);
});
