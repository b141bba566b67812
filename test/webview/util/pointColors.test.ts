// Module activity on the map: one scale for every module by default (a faint module looks faint), its own on request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityColoring, activityScaleTop } from '../../../webview/util/pointColors';
import { testTheme } from '../dom';
import { makeFixture } from '../fixture';

test('activity on one scale: a module reaching 0.17 is paler than one reaching 0.66; its own scale saturates it', () => {
  const r = makeFixture();
  const [a, b] = r.modules;
  const faint = { ...a, activity: a.activity.map((_, i) => (i === 0 ? 0.17 : i === 1 ? 0.085 : 0)) };
  const bright = { ...b, activity: b.activity.map((_, i) => (i === 0 ? 0.66 : 0)) };
  const modules = [faint, bright];
  const theme = testTheme();
  // (activity is Float32, as the result holds it)
  assert.equal(activityScaleTop(modules), Math.fround(0.66));
  const shared = activityColoring(modules, faint, theme, theme.orange, true);
  // 32 levels over 0..0.66: 0.17 falls in level floor(0.17 / 0.66 * 32) = 8, 0.085 in 4, 0 in 0
  assert.deepEqual(Array.from(shared.index.subarray(0, 3)), [8, 4, 0]);
  assert.equal(shared.legend.kind === 'sequential' && shared.legend.max, Math.fround(0.66));
  assert.equal(shared.legend.kind === 'sequential' && shared.legend.title, 'M0 activity (one scale for all modules)');
  assert.equal(activityColoring(modules, bright, theme, theme.orange, true).index[0], 31);
  const own = activityColoring(modules, faint, theme, theme.orange, false);
  assert.deepEqual(Array.from(own.index.subarray(0, 3)), [31, 16, 0]);
  assert.equal(own.legend.kind === 'sequential' && own.legend.max, Math.fround(0.17));
  assert.equal(own.legend.kind === 'sequential' && own.legend.title, 'M0 activity (its own scale)');
});
