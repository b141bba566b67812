// The nmfSparseness option: a number in [0, 1], optional (unset is absent and means the default, so results without it decode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveParams } from '../../../src/shared/params/layers';
import { checkParam, LavaParamsSchema, shownDefault } from '../../../src/shared/params/spec';
import { DEFAULT_NMF_SPARSENESS, DEFAULT_PARAMS } from '../../../src/shared/params/types';

test('nmfSparseness accepts 0..1, as numbers or CLI text', () => {
  for (const v of [0, 0.05, 1, '0', '0.2'])
    assert.deepEqual(checkParam('nmfSparseness', v), { value: Number(v) });
});

test('nmfSparseness refuses values below 0, above 1 or not numbers, saying the range', () => {
  for (const v of [-0.01, 1.5, 'some', null])
    assert.ok('problem' in checkParam('nmfSparseness', v), `accepted ${String(v)}`);
  const c = checkParam('nmfSparseness', 2);
  assert.ok('problem' in c && c.problem.includes('must be >= 0 and <= 1 (got 2)'), JSON.stringify(c));
});

test('nmfSparseness unset stays absent and shows its default; set, it is recorded with its source', () => {
  const { params, sources } = resolveParams({});
  assert.equal('nmfSparseness' in params, false);
  assert.equal('nmfSparseness' in sources, false);
  assert.deepEqual(LavaParamsSchema.parse(DEFAULT_PARAMS), DEFAULT_PARAMS);
  assert.equal(shownDefault('nmfSparseness'), DEFAULT_NMF_SPARSENESS);
  const set = resolveParams({ config: { nmfSparseness: 0 } });
  assert.equal(set.params.nmfSparseness, 0);
  assert.equal(set.sources.nmfSparseness, 'config');
  assert.deepEqual(LavaParamsSchema.parse(set.params), set.params);
});
