// The pair view's numbers and drawings: r inside vs outside the active rows (hand-computed), jitter for discrete
// values, binned density, and the panel showing both r's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bin2d,
  discreteValues,
  jittered,
  maskedPearson,
  resolvePairMode,
} from '../../../../webview/util/pairStats';
import { activeRows } from '../../../../src/shared/result/active';
import { bootApp, settle } from '../../fakeHost';
import { makeFixture, resultNote } from '../../fixture';

test('r by hand: +0.5 over the active rows, -1 over the others', () => {
  const a = [1, 2, 3, 4, 5, 6];
  const b = [1, 3, 2, 6, 5, 4];
  const mask = Uint8Array.of(1, 1, 1, 0, 0, 0);
  const inside = maskedPearson(a, b, mask, 1);
  const outside = maskedPearson(a, b, mask, 0);
  assert.ok(Math.abs(inside.r - 0.5) < 1e-12, `r in ${inside.r}`);
  assert.ok(Math.abs(outside.r + 1) < 1e-12, `r out ${outside.r}`);
  assert.deepEqual([inside.n, outside.n], [3, 3]);
  assert.ok(Number.isNaN(maskedPearson([1, 1, 1], [1, 2, 3], null).r), 'a constant feature has no r');
});

test('discrete values are recognised, jittered within 35% of their step, the same way every time', () => {
  const v = [0, 2, 4, 4, 2, 0, 4];
  const values = discreteValues(v)!;
  assert.deepEqual(values, [0, 2, 4]);
  assert.equal(discreteValues(Array.from({ length: 100 }, (_, i) => i / 7)), null);
  const j = jittered(v, values, 0);
  for (let i = 0; i < v.length; i++) assert.ok(Math.abs(j[i] - v[i]) <= 0.7 + 1e-12, `row ${i}`);
  assert.deepEqual(j, jittered(v, values, 0));
  assert.notDeepEqual(Array.from(j), v);
  assert.equal(resolvePairMode('auto', 300, true), 'jitter');
  assert.equal(resolvePairMode('auto', 300, false), 'points');
  assert.equal(resolvePairMode('auto', 9000, false), 'density');
  assert.equal(resolvePairMode('points', 9000, true), 'points');
});

test('density bins: one bin per discrete value, counts of all rows and of the active ones', () => {
  const a = [0, 0, 1, 1, 1, 2];
  const b = [5, 5, 5, 6, 6, 6];
  const bins = bin2d(a, b, Uint8Array.of(1, 0, 0, 1, 1, 0));
  assert.deepEqual(bins.xEdges, [-0.5, 0.5, 1.5, 2.5]);
  assert.deepEqual(bins.yEdges, [4.5, 5.5, 6.5]);
  // x-major: (0,5) (0,6) (1,5) (1,6) (2,5) (2,6).
  assert.deepEqual([...bins.all], [2, 0, 1, 2, 0, 1]);
  assert.deepEqual([...bins.active], [1, 0, 0, 2, 0, 0]);
});

test("the panel shows r inside and outside the module's active rows; discrete values jitter; density on demand", async () => {
  const { root, doc, host, app } = bootApp();
  const r = makeFixture();
  // f0 is a small integer (discrete), f1 continuous.
  const av = Array.from({ length: 300 }, (_, i) => i % 4);
  const bv = Array.from({ length: 300 }, (_, i) => (i < 100 ? i % 4 : 0) + 0.1 * Math.sin(i));
  host.handle('pair', ({ a, b }) => ({ a, b, av, bv }));
  await settle();
  host.notify('result', resultNote(r));
  await settle();
  app.store.dispatch({ type: 'showPair', a: 'f0', b: 'f1' });
  await settle();
  const view = root.querySelector('[data-testid="pair-view"]')!;
  assert.equal(view.getAttribute('data-plot'), 'jitter');
  const line = root.querySelector('[data-testid="pair-r"]')!;
  const active = activeRows(r.modules[0].loadings, r.localities, r.rowCount);
  assert.equal(Number(line.getAttribute('data-r-in')), maskedPearson(av, bv, active, 1).r);
  assert.equal(Number(line.getAttribute('data-r-out')), maskedPearson(av, bv, active, 0).r);
  assert.ok(Number(line.getAttribute('data-r-in')) > 0.9, 'M0 is active in blob A, where f1 follows f0');
  assert.match(
    line.textContent,
    /r = \+0\.9\d\d \(n = \d+\) in the localities where M0 is active; [+-]0\.\d+ \(n = \d+\) elsewhere/,
  );
  const select = root.querySelector('[data-testid="pair-mode"]') as HTMLSelectElement;
  select.value = 'density';
  select.dispatchEvent(new doc.defaultView!.Event('change'));
  const cells = Array.from(root.querySelectorAll('[data-testid="pair-view"] .density rect'));
  assert.equal(root.querySelector('[data-testid="pair-view"]')!.getAttribute('data-plot'), 'density');
  assert.equal(
    cells.reduce((s, c) => s + Number(c.getAttribute('data-count')), 0),
    300,
  );
  const activeCount = active.reduce((s, v) => s + v, 0);
  assert.equal(
    cells.reduce((s, c) => s + Number(c.getAttribute('data-active')), 0),
    activeCount,
  );
});
