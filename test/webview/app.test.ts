// The whole explorer in jsdom: ready -> result -> legend selection -> locality and pair requests, one data flow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FromWebviewMessage, WebviewState } from '../../src/shared/protocol';
import { startApp } from '../../webview/app';
import { COLOR_BY_MODULE } from '../../webview/store/state';
import { nearestProbe } from '../../webview/util/selection';
import { makeDocument, testTheme } from './dom';
import { moduleColors } from '../../webview/views/legend/legend';
import { makeFixture, F, FEATURES } from './fixture';
import { pairCount } from '../../src/shared/result/pairs';
import { encodeFloat32 } from '../../src/shared/result/codec';

function boot(saved?: WebviewState) {
  const doc = makeDocument();
  const root = doc.createElement('div');
  doc.body.append(root);
  const sent: FromWebviewMessage[] = [];
  let state: WebviewState | undefined = saved;
  const app = startApp(
    root,
    { postMessage: (m) => sent.push(m), getState: () => state, setState: (s) => (state = s) },
    { width: 900 },
  );
  return { doc, root, app, sent, state: () => state };
}

test('a result message renders map, legend and the first module heatmap', () => {
  const { root, app } = boot();
  const r = makeFixture();
  app.receive({ type: 'result', result: r, appliedFrom: { neighbors: 'command' } });
  assert.equal(root.querySelector('[data-testid="scatter"]')!.getAttribute('data-point-count'), '300');
  assert.equal(root.querySelectorAll('[data-testid="module-item"]').length, 3);
  assert.equal(root.querySelector('[data-testid="heatmap"]')!.getAttribute('data-module-id'), '0');
  const header = root.querySelector('[data-testid="header"]')!.textContent;
  assert.match(header, /blobs\.csv/);
  assert.match(header, /300 rows/);
  assert.match(header, /2 rows dropped.*line 5 \(f3\)/);
  assert.match(header, /neighbors lowered/);
  // Where each parameter came from: appliedFrom first, then the result's own paramSources, else default.
  const rows = Array.from(root.querySelectorAll('.lava-params tr')).map((tr) =>
    Array.from(tr.children).map((td) => td.textContent),
  );
  assert.deepEqual(
    rows.find((c) => c[0] === 'neighbors'),
    ['neighbors', '30', 'command'],
  );
  assert.deepEqual(
    rows.find((c) => c[0] === 'modules'),
    ['modules', '3', '.lava.json'],
  );
  assert.deepEqual(
    rows.find((c) => c[0] === 'seed'),
    ['seed', '0', 'default'],
  );
  // Not an image data set: no picture panel.
  assert.equal((root.querySelector('.lava-image-panel') as HTMLElement).hidden, true);
});

test('selecting a legend entry sets aria-selected, colours by its activity and redraws the heatmap for it', () => {
  const { root, app, state } = boot();
  app.receive({ type: 'result', result: makeFixture(), appliedFrom: {} });
  (root.querySelector('[data-module-id="2"][data-testid="module-item"]') as HTMLElement).click();
  const items = Array.from(root.querySelectorAll('[data-testid="module-item"]'));
  assert.deepEqual(
    items.map((e) => e.getAttribute('aria-selected')),
    ['false', 'false', 'true'],
  );
  assert.equal(root.querySelector('[data-testid="heatmap"]')!.getAttribute('data-module-id'), '2');
  assert.equal(app.store.get().colorBy, COLOR_BY_MODULE);
  assert.match(root.querySelector('[data-testid="color-legend"]')!.textContent, /M2 activity/);
  assert.deepEqual(state(), { selectedModule: 2, colorBy: COLOR_BY_MODULE, selectedLocality: null });
});

test('the persisted selection is restored, and dropped when the new result lacks it', () => {
  const a = boot({ selectedModule: 1, colorBy: 'score', selectedLocality: 2 });
  a.app.receive({ type: 'result', result: makeFixture(), appliedFrom: {} });
  assert.equal(a.app.store.get().selectedModule, 1);
  assert.equal(a.app.store.get().colorBy, 'score');
  assert.equal(a.root.querySelector('[data-testid="heatmap"]')!.getAttribute('data-module-id'), '1');
  // The restored locality is highlighted and its heatmap requested again, as a click would.
  assert.equal(a.root.querySelectorAll('[data-testid="scatter"] circle[stroke]').length, 30);
  assert.deepEqual(a.sent, [{ type: 'requestLocality', requestId: 1, locality: 2 }]);
  const b = boot({ selectedModule: 9, colorBy: 'gone', selectedLocality: 99 });
  b.app.receive({ type: 'result', result: makeFixture(), appliedFrom: {} });
  assert.deepEqual(
    [b.app.store.get().selectedModule, b.app.store.get().colorBy, b.app.store.get().selectedLocality],
    [0, 'label', null],
  );
});

test("locality replies show that locality's heatmap; a stale reply is ignored", () => {
  const { root, app, sent } = boot();
  app.receive({ type: 'result', result: makeFixture(), appliedFrom: {} });
  app.store.dispatch({ type: 'requestLocality', id: 4, requestId: 11 });
  const pattern = new Float32Array(pairCount(F));
  pattern[0] = 0.9;
  app.receive({
    type: 'localityCorrelations',
    requestId: 10,
    locality: 3,
    pattern: encodeFloat32(pattern),
    features: FEATURES,
  });
  assert.equal(
    root.querySelector('[data-testid="heatmap"]')!.getAttribute('data-module-id'),
    '0',
    'stale reply ignored',
  );
  app.receive({
    type: 'localityCorrelations',
    requestId: 11,
    locality: 4,
    pattern: encodeFloat32(pattern),
    features: FEATURES,
  });
  const heat = root.querySelector('[data-testid="heatmap"]')!;
  assert.equal(heat.getAttribute('data-locality-id'), '4');
  assert.equal(heat.querySelectorAll('rect[data-i]').length, 2);
  // The map highlights the locality's 30 members.
  assert.equal(root.querySelectorAll('[data-testid="scatter"] circle[stroke]').length, 30);
  assert.equal(sent.length, 0, 'the store alone posts nothing');
});

test('clicking a heatmap cell posts requestPair; the reply draws the pair view', () => {
  const { doc, root, app, sent } = boot();
  app.receive({ type: 'result', result: makeFixture(), appliedFrom: {} });
  const svg = root.querySelector('[data-testid="heatmap"] svg')!;
  svg.dispatchEvent(new doc.defaultView!.FocusEvent('focus'));
  svg.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  const req = sent.find((m) => m.type === 'requestPair');
  assert.ok(req && req.type === 'requestPair');
  assert.deepEqual([req.a, req.b], ['f0', 'f1']);
  const av = Array.from({ length: 300 }, (_, i) => i % 7);
  const bv = Array.from({ length: 300 }, (_, i) => i % 5);
  app.receive({ type: 'pairValues', requestId: req.requestId, a: 'f0', b: 'f1', av, bv });
  const pv = root.querySelector('[data-testid="pair-view"]')!;
  assert.equal(pv.getAttribute('data-pair'), 'f0|f1');
  assert.equal(pv.querySelectorAll('circle').length, 300);
  // Module 0 is active in blob A's localities 0, 1, 2 (loadings 0.5, 0.7, 0.9; median 0.7): 1 and 2 count.
  const r = makeFixture();
  const expected = new Set([...r.localities.members[1], ...r.localities.members[2]]);
  const own = moduleColors(testTheme(), 3)[0];
  const coloured = Array.from(pv.querySelectorAll(`circle[fill="${own}"]`)).length;
  assert.equal(coloured, expected.size);
  assert.equal(pv.querySelectorAll(`circle[fill="${testTheme().muted}"]`).length, 300 - expected.size);
});

test('toolbar buttons post rerun, saveResult and openSettings', () => {
  const { root, app, sent } = boot();
  app.receive({ type: 'result', result: makeFixture(), appliedFrom: {} });
  for (const b of Array.from(root.querySelectorAll<HTMLElement>('.lava-toolbar button'))) b.click();
  assert.deepEqual(
    sent.map((m) => m.type),
    ['rerun', 'saveResult', 'openSettings'],
  );
});

test('clicking the map posts requestLocality for the nearest probe; a hidden-probes map shows only the chosen one', () => {
  const { doc, root, app, sent } = boot();
  const r = makeFixture();
  app.receive({ type: 'result', result: r, appliedFrom: {} });
  const click = (x: number, y: number) =>
    root
      .querySelector('[data-testid="scatter"] svg')!
      .dispatchEvent(new doc.defaultView!.MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
  // jsdom lays nothing out (bounding boxes at 0, 0), so client coordinates are the SVG's own.
  const row = 150; // blob B
  const circle = root.querySelector(`[data-testid="scatter"] circle[data-row="${row}"]`)!;
  click(Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy')));
  const req = sent.find((m) => m.type === 'requestLocality');
  assert.ok(req && req.type === 'requestLocality');
  const nearest = nearestProbe(r.probes, 2, r.embedding.coords[2 * row], r.embedding.coords[2 * row + 1]);
  assert.equal(req.locality, nearest);
  assert.ok(nearest >= 3 && nearest < 6, 'a blob B locality');
  // Probes are off: only the chosen locality's probe is drawn, and it keeps its own id.
  const probes = Array.from(root.querySelectorAll('[data-testid="scatter"] path[data-probe]'));
  assert.deepEqual(
    probes.map((p) => p.getAttribute('data-probe')),
    [String(nearest)],
  );
  const [, px, py] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(probes[0].getAttribute('transform')!)!;
  sent.length = 0;
  click(Number(px), Number(py));
  assert.deepEqual(
    sent.map((m) => m.type === 'requestLocality' && m.locality),
    [nearest],
  );
  // With probes on, all nine are drawn.
  app.store.dispatch({ type: 'toggleProbes', show: true });
  assert.equal(root.querySelectorAll('[data-testid="scatter"] path[data-probe]').length, r.localities.count);
});

test('while running, the header shows the step and the panels stay hidden', () => {
  const { root, app } = boot();
  app.receive({ type: 'running', file: '/data/a.csv', step: 'correlations', fraction: 0.42 });
  assert.match(root.querySelector('[data-testid="header"]')!.textContent, /a\.csv: correlations 42%/);
  assert.equal(root.dataset.hasResult, 'false');
  app.receive({ type: 'error', message: 'a.csv:3:2: "x" is not a number' });
  assert.equal(root.querySelector('[role="alert"]')!.textContent, 'a.csv:3:2: "x" is not a number');
});
