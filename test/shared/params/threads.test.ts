// The threads option: "auto" or 1..256, optional (unset is absent and means "auto").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveParams } from '../../../src/shared/params/layers';
import { checkParam, LavaParamsSchema, shownDefault } from '../../../src/shared/params/spec';

test('threads accepts "auto" and 1..256, as numbers or CLI text', () => {
  assert.deepEqual(checkParam('threads', 'auto'), { value: 'auto' });
  for (const v of [1, 2, 256, '3']) assert.deepEqual(checkParam('threads', v), { value: Number(v) });
});

test('threads refuses 0, fractions, too many and other words, naming "auto" as the other choice', () => {
  for (const v of [0, -1, 1.5, 257, 'two', 'max', null]) {
    const c = checkParam('threads', v);
    assert.ok(
      'problem' in c && c.problem.startsWith('{option:threads} must be "auto" or'),
      `${String(v)}: ${JSON.stringify(c)}`,
    );
  }
});

test('threads unset stays absent and shows as "auto"; set, it passes the wire check and records its source', () => {
  const { params, sources } = resolveParams({});
  assert.equal('threads' in params, false);
  assert.equal('threads' in sources, false);
  assert.equal(shownDefault('threads'), 'auto');
  const set = resolveParams({ settings: { threads: 'auto' }, command: { threads: 1 } });
  assert.equal(set.params.threads, 1);
  assert.equal(set.sources.threads, 'command');
  assert.equal(LavaParamsSchema.parse(set.params).threads, 1);
});
