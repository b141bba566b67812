// The explorer's arrangement at 1500x950 and 1000x800, and the detail tabs by keyboard and mouse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootApp, settle } from '../../fakeHost';
import { imageDesign, makeFixture, resultNote } from '../../fixture';
import { layoutMode } from '../../../../webview/views/layout';

async function explorer(width: number, height: number, image = false) {
  const b = bootApp(undefined, { width, height });
  await settle();
  b.host.notify('result', resultNote(image ? makeFixture(100, imageDesign(6)) : makeFixture()));
  await settle();
  return b;
}

const tabs = (root: HTMLElement) => Array.from(root.querySelectorAll<HTMLElement>('[role="tab"]'));
const offered = (root: HTMLElement) => tabs(root).filter((t) => !t.hidden).map((t) => t.dataset.tab);
const visiblePanels = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('[role="tabpanel"]'))
    .filter((p) => !p.hidden)
    .map((p) => p.dataset.tab);

test('the layout steps: wide from 1180 px, medium from 720, narrow below', () => {
  assert.equal(layoutMode(1500), 'wide');
  assert.equal(layoutMode(1180), 'wide');
  assert.equal(layoutMode(1000), 'medium');
  assert.equal(layoutMode(720), 'medium');
  assert.equal(layoutMode(700), 'narrow');
});

test('at 1500x950 the heatmap is always shown beside the tabs of the other views; the map fits the height', async () => {
  const { root, app } = await explorer(1500, 950);
  assert.equal(root.dataset.layout, 'wide');
  assert.deepEqual(offered(root), ['pair', 'samples', 'selection'], 'no heatmap tab, no picture without pixels');
  assert.deepEqual(visiblePanels(root), ['heatmap', 'pair']);
  const scatter = root.querySelector('[data-testid="scatter"] svg')!;
  assert.ok(Number(scatter.getAttribute('height')) <= 950 - 150, `map height ${scatter.getAttribute('height')}`);
  app.store.dispatch({ type: 'tab', tab: 'selection' });
  assert.deepEqual(visiblePanels(root), ['heatmap', 'selection']);
});

test('at 1000x800 map and legend share the screen and the five views are tabs below; pixels offer the picture', async () => {
  const { root } = await explorer(1000, 800, true);
  assert.equal(root.dataset.layout, 'medium');
  assert.deepEqual(offered(root), ['heatmap', 'pair', 'picture', 'samples', 'selection']);
  assert.deepEqual(visiblePanels(root), ['heatmap']);
  for (const name of ['heatmap', 'pair', 'picture', 'samples', 'selection'])
    assert.ok(root.querySelector(`[role="tabpanel"][data-tab="${name}"] .lava-panel`), `${name} has its panel`);
  const h = Number(root.querySelector('[data-testid="scatter"] svg')!.getAttribute('height'));
  assert.ok(h >= 240 && h <= 800 - 150, `map height ${h}`);
});

test('tabs by keyboard: arrows and Home/End choose and focus, one tab in the Tab order, the choice is saved', async () => {
  const { root, doc, state } = await explorer(1000, 800);
  const list = root.querySelector('[role="tablist"]')!;
  const key = (k: string) =>
    doc.activeElement!.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: k, bubbles: true }));
  tabs(root)[0].focus();
  key('ArrowRight');
  assert.equal((doc.activeElement as HTMLElement).dataset.tab, 'pair');
  assert.deepEqual(visiblePanels(root), ['pair']);
  assert.deepEqual(
    tabs(root).map((t) => t.tabIndex),
    [-1, 0, -1, -1, -1],
  );
  key('End');
  assert.equal((doc.activeElement as HTMLElement).dataset.tab, 'selection', 'End skips to the last offered tab');
  key('ArrowRight');
  assert.equal((doc.activeElement as HTMLElement).dataset.tab, 'heatmap', 'wraps around; the picture is not offered');
  key('ArrowLeft');
  key('Home');
  assert.equal((doc.activeElement as HTMLElement).dataset.tab, 'heatmap');
  (root.querySelector('[role="tab"][data-tab="samples"]') as HTMLElement).click();
  assert.equal((state() as { tab: string }).tab, 'samples');
  assert.equal(list.querySelector('[aria-selected="true"]')!.getAttribute('data-tab'), 'samples');
});
