// The heatmap panel as a reader uses it: features reordered by the toggle, the strongest pairs listed with their
// values, a feature search marking rows and columns, and a listed pair opening the pair view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootApp, settle } from '../../fakeHost';
import { makeFixture, resultNote, FEATURES } from '../../fixture';

async function app() {
  const b = bootApp();
  await settle();
  b.host.notify('result', resultNote(makeFixture()));
  await settle();
  return b;
}

const labels = (root: HTMLElement) =>
  Array.from(
    root.querySelectorAll('[data-testid="heatmap"] .labels text[text-anchor="end"]'),
    (t) => t.textContent,
  );

test('the order toggle redraws the module pattern with its features by weight or clustered', async () => {
  const { root, doc, app: a } = await app();
  assert.deepEqual(labels(root), FEATURES);
  const select = root.querySelector('[data-testid="heatmap-order"]') as HTMLSelectElement;
  select.value = 'weight';
  select.dispatchEvent(new doc.defaultView!.Event('change'));
  assert.equal(a.store.get().heatmapOrder, 'weight');
  // Module 0's planted weights: f0 1.5, f1 1.4, f2 1.3, every other feature 0 (then file order).
  assert.deepEqual(labels(root), ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8']);
  (root.querySelector('[data-module-id="1"][data-testid="module-item"]') as HTMLElement).click();
  // Module 1: f3 1.2, f4 0.7, f5 0.5.
  assert.deepEqual(labels(root).slice(0, 3), ['f3', 'f4', 'f5']);
  select.value = 'cluster';
  select.dispatchEvent(new doc.defaultView!.Event('change'));
  assert.equal(root.querySelector('.lava-heatmap-explorer')!.getAttribute('data-order'), 'cluster');
  const order = labels(root);
  assert.deepEqual([...order].sort(), FEATURES);
  // f3, f4 and f5 hold module 1's weights: clustering keeps them side by side.
  const at = ['f3', 'f4', 'f5'].map((f) => order.indexOf(f)).sort((x, y) => x - y);
  assert.equal(at[2] - at[0], 2, `f3, f4, f5 adjacent in ${order.join(' ')}`);
});

test('the strongest pairs are listed beside the matrix; a listed pair opens the pair view', async () => {
  const { root, host } = await app();
  const asked: string[] = [];
  host.handle('pair', ({ a, b }) => (asked.push(`${a}|${b}`), { a, b, av: [1, 2, 3], bv: [2, 1, 3] }));
  const items = Array.from(root.querySelectorAll('[data-testid="top-pairs"] li'));
  assert.deepEqual(
    items.map(
      (li) =>
        `${li.getAttribute('data-a')}~${li.getAttribute('data-b')} ${li.querySelector('span')!.textContent}`,
    ),
    ['f0~f1 +0.800', 'f0~f2 +0.700', 'f1~f2 +0.600'],
  );
  (items[1].querySelector('button') as HTMLElement).click();
  await settle();
  assert.deepEqual(asked, ['f0|f2']);
  assert.equal(root.querySelector('[data-testid="pair-view"]')!.getAttribute('data-pair'), 'f0|f2');
});

test('a feature search marks its row and column and lists its pairs; no match says so', async () => {
  const { root, doc } = await app();
  const input = root.querySelector('[data-testid="heatmap-search"]') as HTMLInputElement;
  input.value = 'F2';
  input.dispatchEvent(new doc.defaultView!.Event('input'));
  const bands = Array.from(root.querySelectorAll('[data-testid="heatmap"] .highlight rect'), (r) =>
    r.getAttribute('data-feature'),
  );
  assert.deepEqual(bands, ['2', '2']);
  const pairs = Array.from(root.querySelectorAll('[data-testid="top-pairs"] li'), (li) =>
    li.getAttribute('data-b'),
  );
  assert.deepEqual(pairs, ['f2', 'f2'], 'the pairs of f2 only: f0~f2 and f1~f2');
  input.value = 'zzz';
  input.dispatchEvent(new doc.defaultView!.Event('input'));
  assert.match(root.querySelector('.lava-top-pairs')!.textContent, /No feature matches "zzz"/);
  assert.equal(root.querySelectorAll('[data-testid="top-pairs"] li').length, 0);
});
