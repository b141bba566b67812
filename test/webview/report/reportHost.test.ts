// The report's in-page host with the real explorer (jsdom): the embedded result is shown, the toolbar's buttons
// are gone, and what needs the data file (a pair, a locality, its samples, a feature, a selection's correlations)
// fails with the report's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from '../../../webview/app';
import { NOT_IN_REPORT, reportHost } from '../../../webview/report/reportHost';
import { encodeResult } from '../../../src/shared/result/encode';
import { makeDocument } from '../dom';
import { makeFixture, FEATURES } from '../fixture';

async function settle(): Promise<void> {
  for (let k = 0; k < 10; k++) await new Promise((r) => setTimeout(r, 0));
}

function bootReport() {
  const doc = makeDocument();
  const root = doc.createElement('div');
  doc.body.append(root);
  const result = makeFixture();
  const logs: string[] = [];
  const host = reportHost(
    encodeResult(result),
    { source: result.source, appliedFrom: { modules: 'command' } },
    (l) => logs.push(l),
  );
  const app = startApp(root, host.api, { readOnly: true, width: 1400, height: 900, log: (l) => logs.push(l) });
  host.connect((m) => app.receive(m));
  return { root, app, result, logs };
}

test('the report shows the embedded result, without Re-run, Save or Settings', async () => {
  const { root, app, result, logs } = bootReport();
  await settle();
  const shown = app.store.get().result;
  assert.ok(shown, 'a result is shown');
  assert.equal(shown.modules.length, result.modules.length);
  assert.deepEqual(Array.from(shown.embedding.coords), Array.from(result.embedding.coords));
  assert.deepEqual(app.store.get().appliedFrom, { modules: 'command' });
  const labels = [...root.querySelectorAll('button, vscode-button')].map((b) => b.textContent);
  for (const gone of ['Re-run', 'Save result', 'Settings']) assert.ok(!labels.includes(gone), `no ${gone} button`);
  assert.deepEqual(logs, []);
  app.dispose();
});

test("a pair, a locality, its samples, a feature and a selection's correlations fail with the report line, not a hang", async () => {
  const { app } = bootReport();
  await settle();
  app.store.dispatch({ type: 'showPair', a: FEATURES[0], b: FEATURES[1] });
  app.store.dispatch({ type: 'search', target: { kind: 'feature', feature: FEATURES[2] } });
  app.store.dispatch({ type: 'showLocality', id: 0 });
  app.store.dispatch({ type: 'select', rows: Int32Array.of(1, 2, 3), mode: 'replace' });
  await settle();
  const s = app.store.get();
  const asked = [
    ['pair', s.pair],
    ['locality', s.locality],
    ['feature', s.feature],
    ['samples', s.samples],
    ['selection', s.selectionStats],
  ] as const;
  for (const [what, l] of asked) {
    assert.equal(l?.status, 'failed', `${what}: ${JSON.stringify(l)}`);
    assert.equal(l.status === 'failed' && l.error, NOT_IN_REPORT, what);
  }
  app.dispose();
});

test('a selection in the report is explained without Export CSV, Copy line numbers or row links (no host to act)', async () => {
  const { root, app, logs } = bootReport();
  await settle();
  app.store.dispatch({ type: 'select', rows: Int32Array.of(1, 2, 3), mode: 'replace' });
  await settle();
  const panel = root.querySelector('[data-testid="selection"]')!;
  assert.equal(panel.getAttribute('data-row-count'), '3');
  assert.ok(panel.querySelectorAll('[data-testid="selection-module-item"]').length > 0, 'the modules are ranked');
  const labels = [...panel.querySelectorAll('button')].map((b) => b.textContent);
  for (const gone of ['Export CSV…', 'Copy line numbers']) assert.ok(!labels.includes(gone), `no ${gone} button`);
  assert.equal(panel.querySelectorAll('[data-testid="open-row"]').length, 0, 'line numbers are text');
  const lines = [...panel.querySelectorAll('[data-testid="selection-rows"] tr td:first-child')].map((td) => td.textContent);
  assert.equal(lines.length, 3);
  assert.deepEqual(logs, []);
  app.dispose();
});
