// The selection panel in the whole explorer against a fake host: row count, modules in rank order, make-up, the
// selection's heatmap from the engine's answer (and its difference from the rest), and the rows out as notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootApp, settle } from '../../fakeHost';
import { makeFixture, resultNote, F, FEATURES } from '../../fixture';
import { pairCount } from '../../../../src/shared/result/pairs';
import { pack } from '../../../../src/shared/result/packed';

async function withSelection() {
  const b = bootApp();
  const asked: number[][] = [];
  b.host.handle('selection', ({ rows }) => {
    asked.push(rows);
    const inside = new Float32Array(pairCount(F)).fill(0.5);
    const rest = new Float32Array(pairCount(F)).fill(0.2);
    return {
      features: FEATURES,
      inside: pack(inside),
      rest: pack(rest),
      insideCount: rows.length,
      restCount: 300 - rows.length,
    };
  });
  await settle();
  b.host.notify('result', resultNote(makeFixture()));
  await settle();
  // Blob B and five rows of blob C, as a lasso would hand them over (unsorted, with a repeat).
  const rows = Int32Array.from([
    ...Array.from({ length: 100 }, (_, k) => 199 - k),
    200,
    201,
    202,
    203,
    204,
    150,
  ]);
  b.app.store.dispatch({ type: 'select', rows, mode: 'replace' });
  await settle();
  return { ...b, asked };
}

const q = (root: HTMLElement, sel: string) => root.querySelector(sel) as HTMLElement;

test('the panel counts the rows and ranks the modules by how much more active they are inside', async () => {
  const { root } = await withSelection();
  const panel = q(root, '[data-testid="selection"]');
  assert.equal(panel.getAttribute('data-row-count'), '105');
  assert.match(panel.textContent, /105 rows selected \(35\.0% of the map\)/);
  const items = Array.from(root.querySelectorAll('[data-testid="selection-module-item"]'));
  assert.deepEqual(
    items.map((li) => li.getAttribute('data-module-id')),
    ['1', '2', '0'],
    'blob B is M1; five rows of blob C lift M2 above M0',
  );
  assert.match(items[0].textContent, /d = \+\d\.\d\d/);
  const blobB = q(root, '[data-testid="selection-makeup"] tr[data-value="blob B"]');
  assert.deepEqual(
    Array.from(blobB.children, (td) => td.textContent),
    ['blob B', '100', '95%', '33%'],
  );
  (items[1].querySelector('button') as HTMLElement).click();
  assert.equal(
    q(root, '[data-testid="heatmap"]').getAttribute('data-module-id'),
    '2',
    'a ranked module can be shown',
  );
});

test("the selection's correlations come from the engine; the toggle shows their difference from the rest", async () => {
  const { root, doc, asked } = await withSelection();
  assert.equal(asked.length, 1);
  assert.equal(asked[0].length, 105);
  assert.deepEqual(asked[0].slice(0, 3), [100, 101, 102], 'ascending rows, no repeats');
  const heat = () => q(root, '[data-testid="selection-heatmap"]');
  assert.equal(heat().getAttribute('data-feature-count'), String(F));
  const fills = () =>
    new Set(Array.from(heat().querySelectorAll('rect[data-i]'), (r) => r.getAttribute('fill')));
  const insideFill = fills();
  assert.equal(insideFill.size, 1, 'every pair is 0.5 inside');
  const toggle = q(root, '[data-testid="selection-heatmap-show"]') as HTMLSelectElement;
  toggle.value = 'difference';
  toggle.dispatchEvent(new doc.defaultView!.Event('change'));
  assert.match(q(root, '.lava-selection-heatmap').textContent, /minus r over the other 195/);
  const top = q(root, '.lava-selection-heatmap [data-testid="top-pairs"] li span');
  assert.equal(top.textContent, '+0.300', '0.5 inside - 0.2 outside');
});

test('Export CSV, Copy line numbers and a row line go to the host as notes; Clear empties the panel', async () => {
  const { root, notes } = await withSelection();
  const buttons = Array.from(root.querySelectorAll<HTMLElement>('[data-testid="selection"] .lava-panel-bar button'));
  buttons.find((b) => b.textContent === 'Export CSV…')!.click();
  buttons.find((b) => b.textContent === 'Copy line numbers')!.click();
  q(root, '[data-testid="selection-rows"] [data-testid="open-row"][data-row="101"]').click();
  await settle();
  const sent = notes.filter((n) => n.type !== 'ready');
  assert.deepEqual(
    sent.map((n) => n.type),
    ['exportSelection', 'copyRows', 'openRow'],
  );
  assert.equal((sent[0].payload as { rows: number[] }).rows.length, 105);
  assert.deepEqual(sent[2].payload, { row: 101 });
  buttons.find((b) => b.textContent === 'Clear')!.click();
  assert.equal(root.querySelector('[data-testid="selection"]'), null);
  assert.match(root.querySelector('.lava-selection-panel')!.textContent, /Select a region on the map/);
});
