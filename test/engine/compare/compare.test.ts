// compareResults on whole results: feature lists that differ are compared over the shared names (and said so),
// none in common or fewer than two rows is refused naming both files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareResults } from '../../../src/engine/compare/compare';
import type { LavaResult } from '../../../src/shared/result/types';
import { makeFixture } from '../../webview/fixture';

const input = (file: string, result: LavaResult) => ({ file, result, strongIds: null });

test('identical results: every module matches itself with cosine 1 and every neighbourhood is kept', async () => {
  const a = makeFixture();
  const c = await compareResults(input('a.json', a), input('b.json', a));
  assert.deepEqual(c.matched.map((m) => [m.a, m.b]).sort(), a.modules.map((m) => [m.id, m.id]));
  assert.ok(c.matched.every((m) => Math.abs(m.cosine - 1) < 1e-6));
  assert.equal(c.neighbourhood.summary.min, 1);
  assert.deepEqual(c.notes, []);
});

test('renamed features: compared over the shared ones and said so; none shared is an error naming both files', async () => {
  const a = makeFixture();
  // B lost f0's name: patterns are compared over f1..f8; module 0 (f0~f1, f0~f2, f1~f2) keeps only f1~f2.
  const b = { ...a, features: a.features.map((f) => (f === 'f0' ? 'zz' : f)) };
  const c = await compareResults(input('a.json', a), input('b.json', b));
  assert.deepEqual(c.features, { common: 8, a: 9, b: 9 });
  assert.deepEqual(c.notes, ['patterns compared over the 8 features both hold (A has 9, B has 9)']);
  assert.equal(c.matched.length, 3);
  const none = { ...a, features: a.features.map((f) => `other-${f}`) };
  await assert.rejects(compareResults(input('a.json', a), input('b.json', none)), (e: Error) => {
    assert.match(e.message, /a\.json \(9 features\) and b\.json \(9 features\) have no feature in common by name/);
    return true;
  });
});
