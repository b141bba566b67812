// The saved state: what is kept, and a saved state that does not pass the schema falls back to the initial one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restoreState } from '../../../webview/store/persist';

test('a valid saved state comes back as saved', () => {
  const saved = { selectedModule: 1, colorBy: '@module', selectedLocality: null, resultUri: 'file:///r.lava.json' };
  assert.deepEqual(restoreState(saved), saved);
});

test('nothing saved is no state and no warning', () => {
  const warnings: string[] = [];
  assert.equal(restoreState(undefined, (w) => warnings.push(w)), null);
  assert.deepEqual(warnings, []);
});

test('a damaged or foreign saved state is ignored with a warning naming the bad field', () => {
  for (const bad of [
    { selectedModule: -1, colorBy: null, selectedLocality: null },
    { selectedModule: 0, colorBy: null, selectedLocality: 1.5 },
    { selectedModule: 0, colorBy: null },
    'a string',
    [1, 2],
  ]) {
    const warnings: string[] = [];
    assert.equal(restoreState(bad, (w) => warnings.push(w)), null, JSON.stringify(bad));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^saved webview state ignored: /);
  }
});
