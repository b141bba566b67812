// The whole explorer in jsdom against a fake host Peer: ready -> result -> legend selection -> locality and pair
// requests (and their failures), one data flow through the rpc contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLOR_BY_MODULE } from '../../webview/store/state';
import { nearestProbe } from '../../webview/util/selection';
import { moduleColors } from '../../webview/views/legend/moduleColor';
import { testTheme } from './dom';
import { bootApp, settle, type HostSide } from './fakeHost';
import { makeFixture, resultNote, F, FEATURES } from './fixture';
import { pairCount } from '../../src/shared/result/pairs';
import { pack } from '../../src/shared/result/packed';
import { encodeResult } from '../../src/shared/result/encode';
import { LavaInputError } from '../../src/shared/errors';

const q = (root: HTMLElement, sel: string) => root.querySelector(sel);

async function withResult(saved?: unknown) {
  const b = bootApp(saved);
  await settle();
  b.host.notify('result', resultNote(makeFixture(), { neighbors: 'command' }));
  await settle();
  return b;
}

/** A locality answer: one positive weight on (f0, f1). */
function answerLocalities(host: HostSide, asked: number[] = []) {
  host.handle('locality', ({ locality }) => {
    asked.push(locality);
    const pattern = new Float32Array(pairCount(F));
    pattern[0] = 0.9;
    return { locality, pattern: pack(pattern), features: FEATURES };
  });
  return asked;
}

function clickHeatmapCursor(doc: Document, root: HTMLElement) {
  const svg = q(root, '[data-testid="heatmap"] svg')!;
  svg.dispatchEvent(new doc.defaultView!.FocusEvent('focus'));
  svg.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

test('the webview announces ready; a result note renders map, legend and the first module heatmap', async () => {
  const { root, host, notes } = bootApp();
  await settle();
  assert.deepEqual(notes, [{ type: 'ready', payload: {} }]);
  host.notify('result', resultNote(makeFixture(), { neighbors: 'command' }));
  await settle();
  assert.equal(q(root, '[data-testid="scatter"]')!.getAttribute('data-point-count'), '300');
  assert.equal(root.querySelectorAll('[data-testid="module-item"]').length, 3);
  assert.equal(q(root, '[data-testid="heatmap"]')!.getAttribute('data-module-id'), '0');
  const header = q(root, '[data-testid="header"]')!.textContent;
  assert.match(header, /blobs\.csv/);
  assert.match(header, /300 rows/);
  assert.match(header, /2 rows dropped.*line 5 \(f3\)/);
  assert.match(header, /neighbors lowered/);
  // Where each parameter came from: appliedFrom first, then the result's own paramSources, else default.
  const rows = Array.from(root.querySelectorAll('.lava-params tr'), (tr) => Array.from(tr.children, (td) => td.textContent));
  assert.deepEqual(rows.find((c) => c[0] === 'neighbors'), ['neighbors', '30', 'command']);
  assert.deepEqual(rows.find((c) => c[0] === 'modules'), ['modules', '3', '.lava.json']);
  assert.deepEqual(rows.find((c) => c[0] === 'seed'), ['seed', '0', 'default']);
  // Not an image data set: no picture panel.
  assert.equal((q(root, '.lava-image-panel') as HTMLElement).hidden, true);
});

test('the result note is the file text: decoded in the webview, shown with the host\'s absolute source; a bad text is an error, not a blank', async () => {
  const { root, host, app } = bootApp();
  await settle();
  const r = makeFixture();
  const stored = encodeResult({ ...r, source: { ...r.source, file: '../../data/blobs.csv' } });
  host.notify('result', { text: stored, source: r.source, appliedFrom: {} });
  await settle();
  const shown = app.store.get().result!;
  assert.equal(shown.source.file, '/data/blobs.csv', 'the host\'s absolute path, not the stored relative one');
  assert.deepEqual(shown.embedding.coords, r.embedding.coords);
  assert.deepEqual(shown.localities.members, r.localities.members);
  assert.equal((q(root, '[data-testid="header"] strong') as HTMLElement).title, '/data/blobs.csv');
  const broken = JSON.parse(encodeResult(r));
  broken.modules[1].activity.base64 = broken.modules[1].activity.base64.slice(0, -8);
  const uri = 'file:///s/r.lava.json';
  host.notify('result', { text: JSON.stringify(broken), source: r.source, resultUri: uri, appliedFrom: {} });
  await settle();
  assert.match(app.store.get().error ?? '', /file:\/\/\/s\/r\.lava\.json: not a valid LAVA result: modules\[1\]\.activity: /);
});

test('selecting a legend entry sets aria-selected, colours by its activity, redraws the heatmap and saves the choice', async () => {
  const { root, app, state } = await withResult();
  (q(root, '[data-module-id="2"][data-testid="module-item"]') as HTMLElement).click();
  const items = Array.from(root.querySelectorAll('[data-testid="module-item"]'));
  assert.deepEqual(items.map((e) => e.getAttribute('aria-selected')), ['false', 'false', 'true']);
  assert.equal(q(root, '[data-testid="heatmap"]')!.getAttribute('data-module-id'), '2');
  assert.equal(app.store.get().colorBy, COLOR_BY_MODULE);
  assert.match(q(root, '[data-testid="color-legend"]')!.textContent, /M2 activity/);
  assert.deepEqual(state(), { selectedModule: 2, colorBy: COLOR_BY_MODULE, selectedLocality: null, tab: 'heatmap' });
});

test('the restored selection is kept (its locality asked for again) and dropped where the new result lacks it', async () => {
  const a = bootApp({ selectedModule: 1, colorBy: 'score', selectedLocality: 2 });
  const asked = answerLocalities(a.host);
  await settle();
  a.host.notify('result', resultNote(makeFixture(), {}));
  await settle();
  assert.equal(a.app.store.get().selectedModule, 1);
  assert.equal(a.app.store.get().colorBy, 'score');
  assert.deepEqual(asked, [2], 'the kept locality is asked for, as a click would');
  assert.equal(q(a.root, '[data-testid="heatmap"]')!.getAttribute('data-locality-id'), '2');
  assert.equal(a.root.querySelectorAll('[data-testid="scatter"] circle[stroke]').length, 30);
  const b = bootApp({ selectedModule: 9, colorBy: 'gone', selectedLocality: 99 });
  await settle();
  b.host.notify('result', resultNote(makeFixture(), {}));
  await settle();
  const s = b.app.store.get();
  assert.deepEqual([s.selectedModule, s.colorBy, s.selectedLocality], [0, 'label', null]);
});

test('a saved state that fails WebviewStateSchema is ignored: the explorer starts fresh and says why', async () => {
  const { app, logs } = bootApp({ selectedModule: 'two', colorBy: 3 });
  const s = app.store.get();
  assert.deepEqual([s.selectedModule, s.colorBy, s.selectedLocality], [null, null, null]);
  assert.equal(logs.length, 1);
  assert.match(logs[0], /saved webview state ignored: selectedModule/);
});

test('clicking the map asks for the nearest probe\'s locality; the answer draws its heatmap; hidden probes show only the chosen one', async () => {
  const { doc, root, host, app } = await withResult();
  const asked = answerLocalities(host);
  const r = makeFixture();
  const click = (x: number, y: number) =>
    q(root, '[data-testid="scatter"] svg')!.dispatchEvent(
      new doc.defaultView!.MouseEvent('click', { clientX: x, clientY: y, bubbles: true }),
    );
  // jsdom lays nothing out (bounding boxes at 0, 0), so client coordinates are the SVG's own.
  const row = 150; // blob B
  const circle = q(root, `[data-testid="scatter"] circle[data-row="${row}"]`)!;
  click(Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy')));
  const nearest = nearestProbe(r.probes, 2, r.embedding.coords[2 * row], r.embedding.coords[2 * row + 1]);
  assert.ok(nearest >= 3 && nearest < 6, 'a blob B locality');
  // Until the answer comes, the heatmap panel says what it waits for.
  assert.equal(q(root, '[data-testid="request-status"]')!.getAttribute('data-state'), 'loading');
  assert.match(q(root, '[data-testid="request-status"]')!.textContent, new RegExp(`Loading locality ${nearest}'s correlations`));
  await settle();
  assert.deepEqual(asked, [nearest]);
  const heat = q(root, '[data-testid="heatmap"]')!;
  assert.equal(heat.getAttribute('data-locality-id'), String(nearest));
  assert.equal(heat.querySelectorAll('rect[data-i]').length, 2, "the answer's one weight, both triangles");
  assert.equal(root.querySelectorAll('[data-testid="scatter"] circle[stroke]').length, 30, "the locality's 30 members");
  // Probes are off: only the chosen locality's probe is drawn, and it keeps its own id.
  const probes = Array.from(root.querySelectorAll('[data-testid="scatter"] path[data-probe]'));
  assert.deepEqual(probes.map((p) => p.getAttribute('data-probe')), [String(nearest)]);
  // "Module pattern" brings the module back; clicking the same locality again shows it without asking twice.
  (Array.from(root.querySelectorAll('.lava-heatmap-panel button')).find((b) => b.textContent === 'Module pattern') as HTMLElement).click();
  assert.equal(q(root, '[data-testid="heatmap"]')!.getAttribute('data-module-id'), '0');
  const [, px, py] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(probes[0].getAttribute('transform')!)!;
  click(Number(px), Number(py));
  await settle();
  assert.deepEqual(asked, [nearest]);
  assert.equal(q(root, '[data-testid="heatmap"]')!.getAttribute('data-locality-id'), String(nearest));
  app.store.dispatch({ type: 'toggleProbes', show: true });
  assert.equal(root.querySelectorAll('[data-testid="scatter"] path[data-probe]').length, r.localities.count);
});

test('a failed locality request says what failed where the heatmap would be, and Try again asks again (review defect 2)', async () => {
  const { root, host, app } = await withResult();
  let fail = true;
  const asked: number[] = [];
  host.handle('locality', ({ locality }) => {
    asked.push(locality);
    if (fail)
      throw new LavaInputError('the data file is gone', { file: '/data/blobs.csv', option: 'features' }, 'Check {option:features}.');
    const pattern = new Float32Array(pairCount(F));
    return { locality, pattern: pack(pattern), features: FEATURES };
  });
  app.store.dispatch({ type: 'showLocality', id: 4 });
  await settle();
  const status = q(root, '.lava-heatmap-panel [data-testid="request-status"]')!;
  assert.equal(status.getAttribute('data-state'), 'failed');
  assert.equal(status.getAttribute('role'), 'alert');
  // The host's input error, with its place and the option named as the extension's setting.
  assert.equal(
    status.querySelector('.lava-error')!.textContent,
    "Could not load locality 4's correlations: /data/blobs.csv: the data file is gone. Check lava.features.",
  );
  assert.equal(q(root, '[data-testid="heatmap"]'), null, 'no stale heatmap in its place');
  fail = false;
  (Array.from(status.querySelectorAll('button')).find((b) => b.textContent === 'Try again') as HTMLElement).click();
  assert.equal(q(root, '.lava-heatmap-panel [data-testid="request-status"]')!.getAttribute('data-state'), 'loading');
  await settle();
  assert.deepEqual(asked, [4, 4]);
  assert.equal(q(root, '[data-testid="heatmap"]')!.getAttribute('data-locality-id'), '4');
});

test('a heatmap cell asks for its pair; the answer draws the pair view coloured by the one definition of active', async () => {
  const { doc, root, host } = await withResult();
  const asked: string[] = [];
  host.handle('pair', ({ a, b }) => {
    asked.push(`${a}|${b}`);
    return { a, b, av: Array.from({ length: 300 }, (_, i) => i % 7), bv: Array.from({ length: 300 }, (_, i) => i % 5) };
  });
  clickHeatmapCursor(doc, root);
  assert.match(q(root, '.lava-pair-panel [data-testid="request-status"]')!.textContent, /Loading the values of f0 and f1/);
  await settle();
  assert.deepEqual(asked, ['f0|f1']);
  const pv = q(root, '[data-testid="pair-view"]')!;
  assert.equal(pv.getAttribute('data-pair'), 'f0|f1');
  assert.equal(pv.querySelectorAll('circle').length, 300);
  // Module 0's loadings are 0.5, 0.7, 0.9 in blob A's localities 0, 1, 2: all three reach half the largest
  // (shared/result/active.ts), as the legend's count says. (The pair view used to colour only 1 and 2.)
  const r = makeFixture();
  const expected = new Set(r.localities.members.subarray(0, 3 * r.localities.size));
  const badge = q(root, '[data-testid="module-item"][data-module-id="0"] vscode-badge')!;
  assert.equal(badge.textContent, '3');
  const own = moduleColors(testTheme(), 3)[0];
  assert.equal(pv.querySelectorAll(`circle[fill="${own}"]`).length, expected.size);
  assert.equal(pv.querySelectorAll(`circle[fill="${testTheme().muted}"]`).length, 300 - expected.size);
});

test('a failed pair request shows its error in the pair panel; Try again asks again (review defect 2)', async () => {
  const { doc, root, host } = await withResult();
  let calls = 0;
  host.handle('pair', ({ a, b }) => {
    if (++calls === 1) throw new Error('no engine worker for this result');
    return { a, b, av: [1, 2, 3], bv: [3, 2, 1] };
  });
  clickHeatmapCursor(doc, root);
  await settle();
  const status = q(root, '.lava-pair-panel [data-testid="request-status"]')!;
  assert.equal(status.getAttribute('data-state'), 'failed');
  assert.equal(status.querySelector('.lava-error')!.textContent, 'Could not load the values of f0 and f1: no engine worker for this result');
  (status.querySelector('button') as HTMLElement).click();
  await settle();
  assert.equal(calls, 2);
  assert.equal(q(root, '[data-testid="pair-view"]')!.getAttribute('data-point-count'), '3');
});

test('a newer pick cancels the older request; its late answer is never shown', async () => {
  const { doc, root, host, app } = await withResult();
  const cancelled: string[] = [];
  host.handle('pair', ({ a, b }, { signal }) => {
    if (a === 'f0')
      return new Promise((_, reject) => signal.addEventListener('abort', () => (cancelled.push(`${a}|${b}`), reject(new Error('aborted')))));
    return { a, b, av: [1, 2], bv: [2, 1] };
  });
  clickHeatmapCursor(doc, root);
  await settle();
  app.store.dispatch({ type: 'showPair', a: 'f1', b: 'f2' });
  await settle();
  assert.deepEqual(cancelled, ['f0|f1'], 'the host was told to stop the first request');
  assert.equal(q(root, '[data-testid="pair-view"]')!.getAttribute('data-pair'), 'f1|f2');
});

test('toolbar buttons send the rerun, saveResult and openSettings notes', async () => {
  const { root, notes } = await withResult();
  notes.length = 0;
  for (const b of Array.from(root.querySelectorAll<HTMLElement>('.lava-toolbar button'))) b.click();
  await settle();
  assert.deepEqual(notes.map((n) => n.type), ['rerun', 'saveResult', 'openSettings']);
});

test('an SVG export sends the view as an export note the contract accepts', async () => {
  const { root, notes } = await withResult();
  notes.length = 0;
  (Array.from(root.querySelectorAll('.lava-heatmap-panel button')).find((b) => b.textContent === 'SVG') as HTMLElement).click();
  await settle();
  assert.equal(notes.length, 1);
  const n = notes[0] as { type: string; payload: { format: string; view: string; data: string } };
  assert.deepEqual([n.type, n.payload.format, n.payload.view], ['export', 'svg', 'heatmap']);
  assert.match(n.payload.data, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
});

test('while running, the header shows the step and the panels stay hidden; a run error is shown', async () => {
  const { root, host } = bootApp();
  host.notify('running', { file: '/data/a.csv', step: 'correlations', fraction: 0.42 });
  await settle();
  assert.match(q(root, '[data-testid="header"]')!.textContent, /a\.csv: correlations 42%/);
  assert.equal(root.dataset.hasResult, 'false');
  host.notify('error', { message: 'a.csv:3:2: "x" is not a number' });
  await settle();
  assert.equal(q(root, '[role="alert"]')!.textContent, 'a.csv:3:2: "x" is not a number');
});

test('messages outside the contract are dropped and reported; the state stays as it was (review defect 3)', async () => {
  const { app, logs } = await withResult();
  const before = app.store.get();
  app.receive({ type: 'localityCorrelations', requestId: 1 });
  app.receive({ rpc: 'note', type: 'noSuchNote', payload: {} });
  app.receive({ rpc: 'note', type: 'running', payload: { file: 'a.csv', step: 'nowhere', fraction: 2 } });
  assert.equal(app.store.get(), before);
  assert.equal(logs.length, 3);
  assert.match(logs.join('\n'), /not an rpc message[\s\S]*unknown note "noSuchNote"[\s\S]*bad note "running"/);
});

test("the heatmap header copies the module's top features through the host, one per line", async () => {
  const { root, notes } = await withResult();
  (q(root, '[data-module-id="1"][data-testid="module-item"]') as HTMLElement).click();
  const copy = q(root, '[data-testid="copy-top"]') as HTMLElement;
  assert.equal(copy.hidden, false);
  assert.equal(copy.textContent, 'Copy top features');
  copy.click();
  await settle();
  const m = makeFixture().modules[1];
  const want = FEATURES.map((name, i) => ({ name, i, w: m.featureWeights[i] }))
    .filter((f) => f.w > 0)
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map((f) => f.name);
  assert.ok(want.length > 1, 'the fixture module weighs several features');
  const sent = notes.filter((n) => n.type === 'copy');
  assert.deepEqual(sent, [{ type: 'copy', payload: { text: want.join('\n'), what: `${want.length} top features of M1` } }]);
});
