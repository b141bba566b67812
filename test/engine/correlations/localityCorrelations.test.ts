// Step 2 on the engine's pool: the same bytes on 1 and 2 threads, also when parts run out of room and the rest of
// them runs in later rounds; an abort rejects with LavaCancelled, reports nothing after it and leaves no thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localityCorrelations } from '../../../src/engine/correlations/localityCorrelations';
import { buildLocalities } from '../../../src/engine/localities/localities';
import { Pool } from '../../../src/engine/parallel/pool';
import type { Localities } from '../../../src/engine/types';
import { LavaCancelled } from '../../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { bytes, digits, planted, type StepData } from '../parallel/stepData';

const FIELDS = ['rowPtr', 'pairIndex', 'value', 'undefinedFeature'] as const;

async function correlate(
  data: StepData,
  loc: Localities,
  threads: number,
  correlation: 'pearson' | 'spearman',
  firstRoundPairs?: number,
) {
  let parts = 0;
  const pool = new Pool({ threads, onPart: () => parts++ });
  try {
    const p = { correlation, alpha: 1e-3 };
    const c = await localityCorrelations(data.X, data.E, data.F, loc, p, { pool, firstRoundPairs });
    assert.equal(pool.liveThreads, threads === 1 ? 0 : 2, 'threads used');
    return { c, parts };
  } finally {
    await pool.dispose();
  }
}

for (const [make, correlation] of [
  [digits, 'pearson'],
  [planted, 'pearson'],
  [digits, 'spearman'],
] as const)
  test(`${make.name}, ${correlation}: the same bytes on 1 and 2 threads, with room to spare or running out`, async () => {
    const data = make();
    const loc = await buildLocalities(data.Z, data.E, 2, DEFAULT_PARAMS);
    const one = await correlate(data, loc, 1, correlation);
    assert.equal(one.parts, Math.ceil(loc.count / 8), 'one round of parts of 8 localities');
    assert.ok(one.c.pairIndex.length > 2 * loc.count, `${one.c.pairIndex.length} pairs kept`);
    for (const [threads, room] of [
      [2, undefined],
      [1, 50],
      [2, 50],
    ] as const) {
      const r = await correlate(data, loc, threads, correlation, room);
      for (const k of FIELDS)
        assert.ok(bytes(r.c[k]).equals(bytes(one.c[k])), `${k} differs (${threads}, ${room})`);
      assert.equal(r.c.threshold, one.c.threshold);
      // 50 pairs of room in all: every part stops early, and its rest runs again
      if (room !== undefined) assert.ok(r.parts > 2 * one.parts, `${r.parts} parts run`);
    }
  });

for (const threads of [1, 2])
  test(`an abort during the correlations on ${threads} thread(s): LavaCancelled, nothing after it, no thread left`, async () => {
    const data = planted();
    const loc = await buildLocalities(data.Z, data.E, 2, DEFAULT_PARAMS);
    const pool = new Pool({ threads });
    const ac = new AbortController();
    let heard = 0;
    let after = 0;
    const run = localityCorrelations(data.X, data.E, data.F, loc, DEFAULT_PARAMS, {
      pool,
      signal: ac.signal,
      onProgress: () => {
        if (ac.signal.aborted) after++;
        if (++heard === 1) ac.abort();
      },
    });
    await assert.rejects(run, LavaCancelled);
    assert.equal(after, 0, 'progress after the abort');
    assert.equal(pool.liveThreads, 0, 'threads still running when the run rejected');
    await pool.dispose();
    assert.equal(Pool.threadsAlive, 0);
  });
