// The header: file, sizes and counts, notes said once, parameters with where each came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHeader } from '../../../../webview/views/header/header';
import { container, makeDocument, testTheme } from '../../dom';
import { makeFixture } from '../../fixture';

test('dropped features are said once: the engine notes them, the header adds no second line', () => {
  const r = makeFixture();
  // The notes as src/engine/prepare/prepare.ts writes them when it drops 3 constant and 2 low-variance features.
  r.droppedFeatures = [
    { name: 'pixel_0_0', reason: 'constant' },
    { name: 'pixel_0_7', reason: 'constant' },
    { name: 'pixel_7_0', reason: 'constant' },
    { name: 'pixel_3_3', reason: 'low-variance' },
    { name: 'pixel_4_4', reason: 'low-variance' },
  ];
  r.notes = [
    'dropped 3 constant features: pixel_0_0, pixel_0_7, pixel_7_0',
    'kept the 9 most variable of 11 features (maxFeatures = 9); dropped 2 less variable',
  ];
  const doc = makeDocument();
  const c = container(doc);
  renderHeader(c, { result: r, appliedFrom: {}, running: null, error: null, theme: testTheme() });
  const notes = Array.from(c.querySelectorAll('.lava-notes li'), (li) => li.textContent);
  assert.equal(notes.filter((n) => n.includes('pixel_0_0')).length, 1, notes.join('\n'));
  assert.equal(notes.filter((n) => /feature/.test(n)).length, 2, notes.join('\n'));
  // Dropped rows are the header's own line: the engine has no note for them.
  assert.match(notes[0], /^2 rows dropped for missing or non-numeric values: line 5 \(f3\), line 40 \(f0\)$/);
  assert.deepEqual(notes.slice(1), r.notes);
});

test('the header says how many modules are strong and how k was chosen, with the curve of stability against k', () => {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  const picked: number[] = [];
  renderHeader(c, { result: r, appliedFrom: {}, running: null, error: null, theme: testTheme(), onPickK: (k) => picked.push(k) });
  assert.equal(c.querySelector('.lava-k-text')!.textContent, '2 strong modules (k = 3 chosen by stability from 2..16), 1 weak');
  const curve = c.querySelector('[data-testid="k-curve"]')!;
  // Every k of the range 2..16: the four scanned at their stability, the others on the axis.
  const points = Array.from(curve.querySelectorAll<SVGGElement>('[data-k]'));
  assert.deepEqual(points.map((p) => Number(p.getAttribute('data-k'))), Array.from({ length: 15 }, (_, i) => i + 2));
  const at = (k: number) => points.find((p) => p.getAttribute('data-k') === String(k))!;
  assert.equal(at(3).getAttribute('aria-label'), 'k = 3: stability 0.92, chosen by stability (shown)');
  assert.equal(at(3).getAttribute('role'), null, 'the shown k is not offered again');
  assert.equal(at(4).getAttribute('aria-label'), 'k = 4: stability 0.41; show the modules at k = 4');
  assert.equal(at(9).getAttribute('aria-label'), 'k = 9: not scanned yet; show the modules at k = 9');
  // higher stability is drawn higher
  const cy = (k: number) => Number(at(k).querySelector('circle')!.getAttribute('cy'));
  assert.ok(cy(2) < cy(3) && cy(3) < cy(4) && cy(4) < cy(5));
  at(4).dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true }));
  at(9).dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  at(3).dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true }));
  assert.deepEqual(picked, [4, 9]);
  // While something runs, no k is offered.
  renderHeader(c, {
    result: r,
    appliedFrom: {},
    running: { file: 'blobs.csv', step: 'modules', fraction: 0.3 },
    error: null,
    theme: testTheme(),
    onPickK: (k) => picked.push(k),
  });
  assert.equal(c.querySelectorAll('[data-k][role="button"]').length, 0);
});

test('a k picked after a run, a given k, and no stable k are each said as they are', () => {
  const r = makeFixture();
  const doc = makeDocument();
  const text = (result: typeof r) => {
    const c = container(doc);
    renderHeader(c, { result, appliedFrom: {}, running: null, error: null, theme: testTheme() });
    return [c.querySelector('.lava-k-text')!.textContent, c.querySelector('[data-testid="k-curve"]') !== null];
  };
  const picked = { ...r, moduleSelection: { ...r.moduleSelection, mode: 'fixed' as const, autoChosen: 2 } };
  assert.deepEqual(text(picked), ['2 strong modules (k = 3 picked; stability chose 2 from 2..16), 1 weak', true]);
  const given = { ...r, moduleSelection: { mode: 'fixed' as const, chosen: 3, candidates: [] } };
  assert.deepEqual(text(given), ['2 strong modules (k = 3 given), 1 weak', false]);
  const unstable = { ...r, moduleSelection: { ...r.moduleSelection, candidates: r.moduleSelection.candidates.map((c) => ({ ...c, stability: 0.5 })) } };
  assert.deepEqual(text(unstable), ['2 strong modules (no k in 2..16 was stable; k = 3, the smallest), 1 weak', true]);
});
