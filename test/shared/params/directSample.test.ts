// The directSample option: 0 or 1000..1e8, optional (unset is absent, so results that do not set it keep their bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveParams } from '../../../src/shared/params/layers';
import { checkParam, LavaParamsSchema, shownDefault } from '../../../src/shared/params/spec';
import { DEFAULT_DIRECT_SAMPLE, DEFAULT_PARAMS } from '../../../src/shared/params/types';

test('directSample accepts 0 and 1000..100000000, as numbers or CLI text', () => {
  for (const v of [0, 1000, 50000, 100_000_000, '0', '200000'])
    assert.deepEqual(checkParam('directSample', v), { value: Number(v) });
});

test('directSample refuses values in between, below, above, fractional or not numbers, saying the range', () => {
  for (const v of [1, 999, -1, 100_000_001, 1500.5, 'many', null]) {
    const c = checkParam('directSample', v);
    assert.ok('problem' in c, `accepted ${String(v)}`);
  }
  const c = checkParam('directSample', 999);
  assert.ok(
    'problem' in c && c.problem.includes('must be 0 or >= 1000 and <= 100000000 (got 999)'),
    JSON.stringify(c),
  );
});

test('directSample unset stays absent: defaults resolve without it, and params without it pass the wire check', () => {
  const { params, sources } = resolveParams({});
  assert.equal('directSample' in params, false);
  assert.equal('directSample' in sources, false);
  assert.deepEqual(LavaParamsSchema.parse(DEFAULT_PARAMS), DEFAULT_PARAMS);
  const set = resolveParams({ command: { directSample: 0 } });
  assert.equal(set.params.directSample, 0);
  assert.equal(set.sources.directSample, 'command');
  assert.equal(shownDefault('directSample'), DEFAULT_DIRECT_SAMPLE);
  assert.equal(shownDefault('neighbors'), DEFAULT_PARAMS.neighbors);
});
