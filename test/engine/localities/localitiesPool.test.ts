// Step 1 on the engine's pool: DIRECT's evaluations of an iteration run at once, one part each; the localities,
// the chosen exponents and every evaluation's loss are the same bytes on 1 and 2 threads, on the exact and the
// sampled search; an abort rejects with LavaCancelled, reports no evaluation after it and leaves no thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLocalities, type LocalityParams } from '../../../src/engine/localities/localities';
import { Pool } from '../../../src/engine/parallel/pool';
import { LavaCancelled } from '../../../src/shared/errors';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { bytes, digits, planted, type StepData } from '../parallel/stepData';

async function localities(data: StepData, threads: number, p: LocalityParams) {
  const Js: number[] = [];
  let batches = 0;
  const pool = new Pool({ threads, onPart: (_k, part) => (batches += part === 0 ? 1 : 0) });
  try {
    const loc = await buildLocalities(data.Z, data.E, 2, p, {
      pool,
      onEvaluation: (e) => Js.push(e.J, e.alpha, e.beta),
    });
    assert.equal(pool.liveThreads, threads === 1 ? 0 : 2, 'threads used');
    return { loc, Js: Float64Array.from(Js), batches };
  } finally {
    await pool.dispose();
  }
}

// 10,000 rows: the kNN graph of all rows runs in 3 parts (of 4,096 points), the search on a 2,000-row sample.
for (const [name, make, directSample] of [
  ['digits', digits, 0],
  ['planted 4,000', () => planted(4000), 0],
  ['planted 10,000', () => planted(10000), 2000],
] as const)
  test(`${name}, ${directSample ? 'sampled' : 'exact'} search: the same bytes on 1 and 2 threads`, async () => {
    const data = make();
    const p = { ...DEFAULT_PARAMS, directSample };
    const one = await localities(data, 1, p);
    const two = await localities(data, 2, p);
    for (const k of ['probes', 'members', 'inDegree'] as const)
      assert.ok(bytes(one.loc[k]).equals(bytes(two.loc[k])), `${k} differs`);
    assert.deepEqual(
      [one.loc.alpha, one.loc.beta, one.loc.objective, one.loc.evaluations],
      [two.loc.alpha, two.loc.beta, two.loc.objective, two.loc.evaluations],
    );
    assert.ok(bytes(one.Js).equals(bytes(two.Js)), 'the evaluations differ');
    assert.equal(one.loc.evaluations, 39); // DIRECT samples in pairs: 1 + 19 pairs of the 40 allowed
    // Batches of several evaluations (1 + 38 in far fewer runs), plus the final run on all rows when sampled.
    assert.ok(one.batches < 20, `${one.batches} batches`);
  });

for (const threads of [1, 2])
  test(`an abort during DIRECT's evaluations on ${threads} thread(s): LavaCancelled, nothing after it, no thread left`, async () => {
    const data = planted();
    const ac = new AbortController();
    let runs = 0;
    // Abort when the third batch's first evaluation arrives, in the middle of that batch.
    const pool = new Pool({ threads, onPart: (_k, part) => part === 0 && ++runs === 3 && ac.abort() });
    let after = 0;
    const run = buildLocalities(data.Z, data.E, 2, DEFAULT_PARAMS, {
      pool,
      signal: ac.signal,
      onEvaluation: () => (after += ac.signal.aborted ? 1 : 0),
    });
    await assert.rejects(run, LavaCancelled);
    assert.equal(after, 0, 'evaluations reported after the abort');
    assert.equal(pool.liveThreads, 0, 'threads still running when the run rejected');
    await pool.dispose();
    assert.equal(Pool.threadsAlive, 0);
  });
