// The module legend: one entry per module with the contract's attributes, keyboard selection, snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderModuleLegend } from '../../../../webview/views/legend/legend';
import { blockPattern } from '../../../../webview/views/legend/thumbnail';
import { container, makeDocument, matchSnapshot, testTheme } from '../../dom';
import { imageDesign, makeFixture, plantedPattern, F } from '../../fixture';
import { detectImageGrid } from '../../../../webview/util/imageGrid';

test('legend has one entry per module with id, name, locality count and aria-selected; snapshot', () => {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  renderModuleLegend(c, { modules: r.modules, featureCount: F, selectedModule: 1, theme: testTheme() });
  const items = Array.from(c.querySelectorAll('[data-testid="module-item"]'));
  assert.equal(items.length, r.modules.length);
  assert.deepEqual(
    items.map((e) => e.getAttribute('data-module-id')),
    ['0', '1', '2'],
  );
  assert.deepEqual(
    items.map((e) => e.getAttribute('aria-selected')),
    ['false', 'true', 'false'],
  );
  assert.deepEqual(
    items.map((e) => e.querySelector('.lava-module-name')!.textContent),
    r.modules.map((m) => m.name),
  );
  assert.deepEqual(
    items.map((e) => e.querySelector('vscode-badge')!.textContent),
    r.modules.map((m) => String(m.localityCount)),
  );
  // Only the selected entry is in the tab order.
  assert.deepEqual(
    items.map((e) => (e as HTMLElement).tabIndex),
    [-1, 0, -1],
  );
  matchSnapshot('legend-selected-1.snap', c.innerHTML);
});

test('arrow keys move focus and Enter or Space select', () => {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  const selected: number[] = [];
  renderModuleLegend(c, {
    modules: r.modules,
    featureCount: F,
    selectedModule: 0,
    theme: testTheme(),
    onSelect: (id) => selected.push(id),
  });
  const items = Array.from(c.querySelectorAll<HTMLElement>('[data-testid="module-item"]'));
  const key = (el: HTMLElement, k: string) =>
    el.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: k, bubbles: true }));
  items[0].focus();
  key(items[0], 'ArrowDown');
  assert.equal(doc.activeElement, items[1]);
  assert.equal(items[1].tabIndex, 0);
  assert.equal(items[0].tabIndex, -1);
  key(items[1], 'End');
  assert.equal(doc.activeElement, items[2]);
  key(items[2], 'Enter');
  key(items[2], 'ArrowUp');
  key(items[1], ' ');
  assert.deepEqual(selected, [2, 1]);
  items[0].click();
  assert.deepEqual(selected, [2, 1, 0]);
});

test('thumbnail blocks keep the strongest signed weight of each block', () => {
  // F = 9 fits in 24 blocks: the blocks are the matrix itself.
  const b = blockPattern(plantedPattern(1), F);
  assert.equal(b.length, F * F);
  assert.equal(b[3 * F + 4], Math.fround(-0.7));
  assert.equal(b[5 * F + 3], Math.fround(0.5));
  // Two features per block: (0,1) and (0,2),(1,2) fall in blocks (0,0) and (0,1); the strongest wins.
  const half = blockPattern(Float32Array.from([0.2, -0.9, 0.5]), 3, 2);
  // blockOf = [0, 0, 1]: pair (0,1) -> block (0,0); (0,2) and (1,2) -> block (0,1), strongest |-0.9|.
  assert.deepEqual(Array.from(half), [Math.fround(0.2), Math.fround(-0.9), Math.fround(-0.9), 0]);
});

test('for image data the thumbnails are pictures on the pixel grid', () => {
  const r = makeFixture(20, imageDesign(8));
  const grid = detectImageGrid(r.features)!;
  const doc = makeDocument();
  const c = container(doc);
  renderModuleLegend(c, {
    modules: r.modules,
    featureCount: r.features.length,
    selectedModule: 0,
    theme: testTheme(),
    grid,
  });
  const thumbs = Array.from(c.querySelectorAll('svg.lava-thumb'));
  assert.equal(thumbs.length, 3);
  assert.deepEqual(
    thumbs.map((t) => t.getAttribute('viewBox')),
    ['0 0 8 8', '0 0 8 8', '0 0 8 8'],
  );
  // Module 0 is a horizontal bar on row 4: every lit pixel of its picture is on that row.
  const lit = Array.from(thumbs[0].querySelectorAll('rect[x]:not([data-dropped])'));
  assert.ok(lit.length >= 5);
  assert.ok(lit.every((e) => e.getAttribute('y') === '4'));
});

test('the badge counts the localities where the module is active by the one shared definition', () => {
  const r = makeFixture();
  // Loadings 0.2, 0.5, 1 and 0.49: half the largest is 0.5, so two localities are active. A stored
  // localityCount from another definition (here 4) does not decide the badge.
  const m = { ...r.modules[0], loadings: Float32Array.from([0.2, 0.5, 1, 0.49, 0]), localityCount: 4 };
  const doc = makeDocument();
  const c = container(doc);
  renderModuleLegend(c, { modules: [m], featureCount: F, selectedModule: 0, theme: testTheme() });
  assert.equal(c.querySelector('vscode-badge')!.textContent, '2');
});
