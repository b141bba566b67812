// The minPairLocalities option: a whole number 1..100000, optional (unset is absent, so results that do not set it keep their bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveParams } from '../../../src/shared/params/layers';
import { checkParam, shownDefault } from '../../../src/shared/params/spec';
import { DEFAULT_MIN_PAIR_LOCALITIES } from '../../../src/shared/params/types';

test('minPairLocalities accepts 1..100000, as numbers or CLI text, and refuses the rest saying the range', () => {
  for (const v of [1, 2, 50, 100_000, '20']) assert.deepEqual(checkParam('minPairLocalities', v), { value: Number(v) });
  for (const v of [0, -1, 100_001, 2.5, 'few', null]) assert.ok('problem' in checkParam('minPairLocalities', v), String(v));
  const c = checkParam('minPairLocalities', 0);
  assert.ok('problem' in c && c.problem.includes('must be >= 1 and <= 100000 (got 0)'), JSON.stringify(c));
});

test('minPairLocalities unset stays absent and means 1 (no pruning); set, it is recorded with its source', () => {
  const { params, sources } = resolveParams({});
  assert.equal('minPairLocalities' in params, false);
  assert.equal('minPairLocalities' in sources, false);
  assert.equal(shownDefault('minPairLocalities'), DEFAULT_MIN_PAIR_LOCALITIES);
  assert.equal(DEFAULT_MIN_PAIR_LOCALITIES, 1);
  const set = resolveParams({ config: { minPairLocalities: 20 } });
  assert.equal(set.params.minPairLocalities, 20);
  assert.equal(set.sources.minPairLocalities, 'config');
});
