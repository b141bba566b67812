// The option table's new kinds: a number of modules or "auto", a k range, and the strong thresholds the trust step runs with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkParam } from '../../../src/shared/params/spec';
import { resolveParams } from '../../../src/shared/params/layers';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { trustSettings } from '../../../src/engine/trust/trust';

test('modules: "auto" (the default) or a whole number in 1..100, from JSON or command-line text', () => {
  assert.equal(DEFAULT_PARAMS.modules, 'auto');
  assert.deepEqual(checkParam('modules', 'auto'), { value: 'auto' });
  assert.deepEqual(checkParam('modules', '5'), { value: 5 });
  assert.deepEqual(checkParam('modules', 12), { value: 12 });
  assert.deepEqual(checkParam('modules', 0), { problem: '{option:modules} must be "auto" or >= 1 and <= 100 (got 0)' });
  assert.deepEqual(checkParam('modules', 2.5), { problem: '{option:modules} must be "auto" or a whole number' });
  assert.deepEqual(checkParam('modules', 'Auto'), { problem: '{option:modules} must be "auto" or a number' });
});

test('modulesRange: two whole numbers lo <= hi within 1..100', () => {
  assert.deepEqual(DEFAULT_PARAMS.modulesRange, [2, 16]);
  assert.deepEqual(checkParam('modulesRange', '3,8'), { value: [3, 8] });
  assert.deepEqual(checkParam('modulesRange', [4, 4]), { value: [4, 4] });
  assert.deepEqual(checkParam('modulesRange', '8,3'), { problem: '{option:modulesRange} must have 1 <= lo <= hi <= 100 (got 8, 3)' });
  assert.deepEqual(checkParam('modulesRange', [0, 3]), { problem: '{option:modulesRange} must have 1 <= lo <= hi <= 100 (got 0, 3)' });
  for (const bad of ['2', '2,', [2.5, 4], [2, 3, 4], 'a,b'])
    assert.deepEqual(checkParam('modulesRange', bad), { problem: '{option:modulesRange} must be two whole numbers [lo, hi]' }, String(bad));
  // resolveParams copies the default range: a run cannot change the defaults through its params.
  const { params } = resolveParams({});
  params.modulesRange[0] = 7;
  assert.deepEqual(DEFAULT_PARAMS.modulesRange, [2, 16]);
});

test('the strong thresholds are settings; the null gets the permutations a smaller p needs', () => {
  assert.deepEqual([DEFAULT_PARAMS.minStability, DEFAULT_PARAMS.maxPValue], [0.9, 0.01]);
  assert.ok('problem' in checkParam('minStability', 0));
  assert.ok('problem' in checkParam('maxPValue', 0.0005));
  const s = trustSettings({ modulesRange: [3, 9], minStability: 0.8, maxPValue: 0.05 });
  assert.deepEqual([s.range, s.stableAt, s.significantAt, s.permutations], [[3, 9], 0.8, 0.05, 99]);
  // p's floor is 1 / (permutations + 1): 0.005 needs 199, 0.001 needs 999
  assert.equal(trustSettings({ ...DEFAULT_PARAMS, maxPValue: 0.005 }).permutations, 199);
  assert.equal(trustSettings({ ...DEFAULT_PARAMS, maxPValue: 0.001 }).permutations, 999);
  assert.equal(trustSettings(DEFAULT_PARAMS).permutations, 99);
});
