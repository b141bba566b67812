// Step 3's dispatch: NMF or Boolean Asso, the empty case, and cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factorize } from '../../../src/engine/factorize/factorize';
import { nmf } from '../../../src/engine/factorize/nmf';
import { fromDense, planted } from './nmfFixtures';

test('no significant correlation: empty modules, no error; an aborted signal cancels', async () => {
  const empty = fromDense(new Float64Array(4 * 3), 4, 3);
  for (const method of ['nmf', 'boolean'] as const) {
    const f = await factorize(empty, { modules: 2, factorization: method, seed: 0 });
    assert.equal(f.W.length, 8);
    assert.ok(f.W.every((v) => v === 0));
    assert.ok(f.patterns.every((v) => v === 0));
    assert.equal(f.error, 0);
  }
  const ac = new AbortController();
  ac.abort();
  const { R } = planted(20, 8, 2, 1);
  await assert.rejects(
    factorize(fromDense(R, 20, 8), { modules: 2, factorization: 'nmf', seed: 0 }, { signal: ac.signal }),
    {
      name: 'LavaCancelled',
    },
  );
});

test("'nmf' is the NMF itself; 'boolean' gives 0/1 loadings and integer patterns", async () => {
  const { R } = planted(30, 8, 3, 6);
  const corr = fromDense(R, 30, 8);
  const viaDispatch = await factorize(corr, { modules: 3, factorization: 'nmf', seed: 2 });
  const direct = await nmf(corr, { modules: 3, seed: 2 });
  assert.deepEqual(viaDispatch, direct);
  const b = await factorize(corr, { modules: 3, factorization: 'boolean', seed: 2 });
  assert.ok(b.W.every((v) => v === 0 || v === 1));
  assert.ok(b.W.some((v) => v === 1));
  assert.ok(b.patterns.every((v) => Number.isInteger(v) && Math.abs(v) <= 1));
  assert.equal(b.iterations, 3);
});
