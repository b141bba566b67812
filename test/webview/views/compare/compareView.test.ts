// The compare panel in jsdom, fed by a fake host through its rpc contract: one compare-match per matched pair with
// the comparison's cosines, linked hover, a box selection shown on both maps, colouring by a pair or by the overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareResults } from '../../../../src/engine/compare/compare';
import { encodeComparison } from '../../../../src/shared/compare/codec';
import { compareHostContract, compareWebviewContract } from '../../../../src/shared/protocol';
import { Peer } from '../../../../src/shared/rpc';
import { encodeResult } from '../../../../src/shared/result/encode';
import type { LavaResult } from '../../../../src/shared/result/types';
import { startCompareApp } from '../../../../webview/views/compare/compareApp';
import { makeDocument } from '../../dom';
import { settle } from '../../fakeHost';
import { makeFixture } from '../../fixture';

/** B: A's rows mirrored left-right, its modules in another order and module 1 missing. */
function mirroredWithout(a: LavaResult): LavaResult {
  const coords = Float32Array.from(a.embedding.coords, (v, i) => (i % 2 === 0 ? -v : v));
  // A result lists its modules strongest first and holds as many as its chosen k.
  const modules = [a.modules[2], a.modules[0]].map((m, i) => ({ ...m, id: i, strength: [0.6, 0.4][i] }));
  const moduleSelection = { ...a.moduleSelection, chosen: modules.length };
  return { ...a, embedding: { ...a.embedding, coords }, modules, moduleSelection };
}

async function boot(width = 1000, uris?: { comparison: string; a: string; b: string }) {
  const saved: unknown[] = [];
  const a = makeFixture();
  const b = mirroredWithout(a);
  const comparison = await compareResults({ file: 'a.lava.json', result: a, strongIds: null }, { file: 'b.lava.json', result: b, strongIds: null });
  const doc = makeDocument();
  const root = doc.createElement('div');
  doc.body.append(root);
  const link: { host?: Peer<typeof compareHostContract, typeof compareWebviewContract> } = {};
  const app = startCompareApp(
    root,
    { postMessage: (m) => queueMicrotask(() => link.host!.receive(structuredClone(m))), getState: () => undefined, setState: (st) => void saved.push(st) },
    { width },
  );
  const host = new Peer({ post: (m) => queueMicrotask(() => app.receive(structuredClone(m))) }, compareHostContract, compareWebviewContract);
  link.host = host;
  host.on('ready', () =>
    host.notify('comparison', {
      file: 'a-vs-b.lava-compare.json',
      text: encodeComparison(comparison),
      a: { file: 'a.lava.json', text: encodeResult(a) },
      b: { file: 'b.lava.json', text: encodeResult(b) },
      ...(uris ? { uris } : {}),
    }),
  );
  await settle();
  return { doc, root, comparison, a, b, saved };
}

test('one compare-match per matched pair, with the comparison cosines; only-in lists', async () => {
  const { root, comparison } = await boot();
  assert.deepEqual(comparison.matched.map((m) => [m.a, m.b]).sort(), [[0, 1], [2, 0]]);
  const items = [...root.querySelectorAll<HTMLElement>('[data-testid=compare-match]')];
  assert.equal(items.length, comparison.matched.length);
  assert.deepEqual(items.map((e) => Number(e.dataset.cosine)), comparison.matched.map((m) => m.cosine));
  assert.deepEqual([...root.querySelectorAll<HTMLElement>('[data-testid=compare-only-a]')].map((e) => e.dataset.module), ['1']);
  assert.equal(root.querySelectorAll('[data-testid=compare-only-b]').length, 0);
  // Mirrored: every neighbourhood is kept.
  assert.equal(comparison.neighbourhood.summary.mean, 1);
  assert.equal(root.querySelector<HTMLElement>('.lava-compare')!.dataset.layout, 'wide');
});

test('hovering a point on map A rings the same row on map B', async () => {
  const { doc, root } = await boot();
  const [mapA, mapB] = ['a', 'b'].map((s) => root.querySelector<HTMLElement>(`[data-testid=compare-map-${s}] .lava-scatter`)!);
  const row = 42;
  const circle = mapA.querySelector<SVGCircleElement>(`circle[data-row="${row}"]`)!;
  const surface = mapA.querySelector('svg')!;
  const at = { clientX: Number(circle.getAttribute('cx')), clientY: Number(circle.getAttribute('cy')), bubbles: true };
  surface.dispatchEvent(new doc.defaultView!.MouseEvent('mousemove', at));
  assert.equal(mapB.dataset.linkedRow, String(row));
  const ring = mapB.querySelector('.lava-linked-ring circle')!;
  const target = mapB.querySelector(`circle[data-row="${row}"]`)!;
  assert.ok(Math.abs(Number(ring.getAttribute('cx')) - Number(target.getAttribute('cx'))) < 0.02);
  assert.ok(Math.abs(Number(ring.getAttribute('cy')) - Number(target.getAttribute('cy'))) < 0.02);
  surface.dispatchEvent(new doc.defaultView!.MouseEvent('mouseleave', at));
  assert.equal(mapB.dataset.linkedRow, undefined);
});

test('moving the keyboard focus on map B rings the focused row on map A', async () => {
  const { doc, root } = await boot();
  const mapA = root.querySelector<HTMLElement>('[data-testid=compare-map-a] .lava-scatter')!;
  const surface = root.querySelector<SVGSVGElement>('[data-testid=compare-map-b] .lava-scatter svg')!;
  surface.focus();
  surface.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  const row = mapA.dataset.linkedRow;
  assert.ok(row !== undefined && Number(row) >= 0 && Number(row) < 300, `linked row ${row}`);
});

test('a box drawn on map A selects the same rows on both maps', async () => {
  const { doc, root } = await boot();
  const win = doc.defaultView!;
  const toolSel = [...root.querySelectorAll<HTMLSelectElement>('.lava-compare-bar select')][1];
  toolSel.value = 'box';
  toolSel.dispatchEvent(new win.Event('change'));
  const mapA = () => root.querySelector<HTMLElement>('[data-testid=compare-map-a] .lava-scatter')!;
  const surface = mapA().querySelector('svg')!;
  // The whole left half of map A's surface.
  const w = Number(surface.getAttribute('width'));
  const h = Number(surface.getAttribute('height'));
  surface.dispatchEvent(new win.MouseEvent('mousedown', { clientX: 0, clientY: 0, button: 0, bubbles: true }));
  win.dispatchEvent(new win.MouseEvent('mousemove', { clientX: w / 2, clientY: h / 2 }));
  win.dispatchEvent(new win.MouseEvent('mousemove', { clientX: w / 2, clientY: h }));
  win.dispatchEvent(new win.MouseEvent('mouseup', { clientX: w / 2, clientY: h }));
  const rowsOf = (side: string) =>
    [...root.querySelectorAll(`[data-testid=compare-map-${side}] circle[data-selected]`)].map((c) => Number(c.getAttribute('data-row'))).sort((x, y) => x - y);
  const left = [...mapA().querySelectorAll('circle')].filter((c) => Number(c.getAttribute('cx')) <= w / 2).map((c) => Number(c.getAttribute('data-row')));
  assert.ok(left.length > 0 && left.length < 300);
  assert.deepEqual(rowsOf('a'), left.sort((x, y) => x - y));
  assert.deepEqual(rowsOf('b'), rowsOf('a'));
  assert.equal(root.querySelector<HTMLElement>('[data-testid=compare-map-b] .lava-scatter')!.dataset.selectedCount, String(left.length));
});

test('a matched pair colours each map by its module; "neighbourhood kept" colours both by the overlap; narrow stacks', async () => {
  const { doc, root, a } = await boot(500);
  assert.equal(root.querySelector<HTMLElement>('.lava-compare')!.dataset.layout, 'narrow');
  const first = root.querySelector<HTMLButtonElement>('[data-testid=compare-match]')!;
  first.click();
  assert.equal(first.getAttribute('aria-pressed'), 'true');
  const legend = (s: string) => root.querySelector(`[data-testid=compare-map-${s}] .lava-compare-legend`)!.textContent ?? '';
  assert.match(legend('a'), new RegExp(`M${first.dataset.a} activity`));
  assert.match(legend('b'), new RegExp(`M${first.dataset.b} activity`));
  // The hottest point of A's module is drawn in the palette's last level.
  const m = a.modules.find((x) => x.id === Number(first.dataset.a))!;
  const hot = m.activity.indexOf(Math.max(...m.activity));
  const fills = new Set([...root.querySelectorAll('[data-testid=compare-map-a] circle')].map((c) => c.getAttribute('fill')));
  assert.ok(fills.size > 2, 'activity gives several colours');
  assert.ok(root.querySelector(`[data-testid=compare-map-a] circle[data-row="${hot}"]`));
  const colour = [...root.querySelectorAll<HTMLSelectElement>('.lava-compare-bar select')][0];
  colour.value = 'kept';
  colour.dispatchEvent(new doc.defaultView!.Event('change'));
  assert.match(legend('a'), /neighbourhood kept/);
  assert.match(legend('b'), /neighbourhood kept/);
  assert.equal(first.getAttribute('aria-pressed'), 'true');
});

test('the webview keeps the files\' URIs as its state (a window reload brings the comparison back), and only them', async () => {
  const uris = { comparison: 'file:///w/a-vs-b.lava-compare.json', a: 'file:///w/a.lava.json', b: 'file:///w/b.lava.json' };
  assert.deepEqual((await boot(1000, uris)).saved, [{ compare: uris }]);
  assert.deepEqual((await boot(1000)).saved, []);
});
