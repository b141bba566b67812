// The embedding map in SVG mode: one point per row, colours from the chosen column, locality highlight, snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderScatter, layoutPoints, type ScatterClick, type ScatterProps } from '../../../../webview/views/scatter/scatter';
import { categoricalColoring, metadataColoring, sequentialColoring } from '../../../../webview/util/pointColors';
import { localityMask, nearestProbe } from '../../../../webview/util/selection';
import { container, makeDocument, matchSnapshot, testTheme } from '../../dom';
import { makeFixture, BLOBS, PER_BLOB } from '../../fixture';

/** The fixture's map, 400 x 300, coloured by label, with every probe. */
function renderFixtureMap(extra: Partial<ScatterProps> = {}) {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  const theme = testTheme();
  renderScatter(c, {
    coords: r.embedding.coords,
    dims: 2,
    count: r.rowCount,
    coloring: metadataColoring(r.metadata[0], theme),
    theme,
    width: 400,
    height: 300,
    probes: r.probes,
    ...extra,
  });
  return { r, doc, c };
}

test('scatter draws every row as one point and matches its snapshot', () => {
  const r = makeFixture();
  const { c } = renderFixtureMap({ selectedProbe: 4, highlight: localityMask(r, 4) });
  const root = c.querySelector('[data-testid="scatter"]')!;
  assert.equal(root.getAttribute('data-point-count'), String(r.rowCount));
  assert.equal(root.getAttribute('data-mode'), 'svg');
  assert.equal(root.querySelectorAll('circle').length, r.rowCount);
  assert.equal(root.querySelectorAll('path[data-probe]').length, r.localities.count);
  // The 30 members of locality 4 are outlined, the rest faded.
  assert.equal(root.querySelectorAll('circle[stroke]').length, r.localities.size);
  assert.equal(root.querySelectorAll('circle[opacity="0.3"]').length, r.rowCount - r.localities.size);
  matchSnapshot('scatter-by-label.snap', root.outerHTML);
});

test('categorical colouring: one colour per blob label, and each blob drawn in its own colour', () => {
  const r = makeFixture();
  const theme = testTheme();
  const col = r.metadata[0];
  if (col.kind !== 'text') throw new Error('the fixture\'s first column is text');
  const coloring = categoricalColoring(col.name, col.categories, col.codes, theme);
  assert.equal(coloring.legend.kind, 'categorical');
  if (coloring.legend.kind !== 'categorical') return;
  assert.deepEqual(
    coloring.legend.entries.map((e) => [e.label, e.count]),
    [
      ['blob A', PER_BLOB],
      ['blob B', PER_BLOB],
      ['blob C', PER_BLOB],
    ],
  );
  for (let b = 0; b < BLOBS; b++) {
    for (let k = 0; k < PER_BLOB; k++) assert.equal(coloring.index[b * PER_BLOB + k], b);
  }
  assert.equal(new Set(coloring.palette).size, BLOBS);
});

test('sequential colouring puts the minimum at the first level and the maximum at the last', () => {
  const theme = testTheme();
  const c = sequentialColoring('v', [0, 0.5, 1, null, 0.25], theme, theme.orange, 4);
  assert.deepEqual(Array.from(c.index), [0, 2, 3, 4, 1]);
  assert.equal(c.palette[4], theme.muted, 'missing values are muted');
  assert.equal(c.palette[3], theme.orange);
});

test('layout keeps the aspect ratio: equal data distances are equal screen distances', () => {
  const { sx, sy } = layoutPoints([0, 0, 10, 0, 0, 5], 2, 3, 400, 300);
  const dx = sx[1] - sx[0];
  const dy = sy[0] - sy[2];
  assert.ok(Math.abs(dx / 10 - dy / 5) < 0.02, `${dx / 10} vs ${dy / 5}`);
  assert.ok(sy[2] < sy[0], 'y grows upwards on screen');
});

test("a click resolves to the nearest probe: a point of blob B selects one of blob B's localities", () => {
  const r = makeFixture();
  const row = PER_BLOB + 5;
  const p = nearestProbe(r.probes, 2, r.embedding.coords[2 * row], r.embedding.coords[2 * row + 1]);
  assert.ok(p >= 3 && p < 6, `probe ${p}`);
  // Brute force over the probes agrees.
  let best = -1;
  let bd = Infinity;
  for (let q = 0; q < r.localities.count; q++) {
    const d = Math.hypot(
      r.probes[2 * q] - r.embedding.coords[2 * row],
      r.probes[2 * q + 1] - r.embedding.coords[2 * row + 1],
    );
    if (d < bd) [bd, best] = [d, q];
  }
  assert.equal(p, best);
});

test('canvas mode is used from 3000 points and still reports the point count', () => {
  const doc = makeDocument();
  const c = container(doc);
  const n = 3000;
  const coords = Array.from({ length: 2 * n }, (_, k) => Math.sin(k));
  const theme = testTheme();
  renderScatter(c, {
    coords,
    dims: 2,
    count: n,
    coloring: sequentialColoring(
      'v',
      coords.filter((_, k) => k % 2 === 0),
      theme,
      theme.blue,
    ),
    theme,
    width: 200,
    height: 200,
  });
  const root = c.querySelector('[data-testid="scatter"]')!;
  assert.equal(root.getAttribute('data-mode'), 'canvas');
  assert.equal(root.getAttribute('data-point-count'), String(n));
  assert.equal(root.querySelectorAll('circle').length, 0);
});

test('integer class labels stored as numbers (digits 0..9) are coloured as categories, measurements as a ramp', () => {
  const theme = testTheme();
  const digits = metadataColoring({ name: 'label', kind: 'numeric', values: Float64Array.from([3, 1, 2, 1, 0, 9]) }, theme);
  assert.equal(digits.legend.kind, 'categorical');
  if (digits.legend.kind === 'categorical')
    assert.deepEqual(
      digits.legend.entries.map((e) => e.label),
      ['0', '1', '2', '3', '9'],
    );
  const r = makeFixture();
  assert.equal(metadataColoring(r.metadata[1], theme).legend.kind, 'sequential', 'score has fractions');
  const many = Float64Array.from({ length: 50 }, (_, k) => k);
  assert.equal(
    metadataColoring({ name: 'age', kind: 'numeric', values: many }, theme).legend.kind,
    'sequential',
  );
});

test('SVG and canvas maps share one hit-test and tooltip: the same click finds the same row and probe', () => {
  const row = PER_BLOB + 7;
  const found: Record<string, unknown> = {};
  for (const mode of ['svg', 'canvas'] as const) {
    const clicks: ScatterClick[] = [];
    const { r, doc, c } = renderFixtureMap({
      mode,
      tooltip: (i) => ({ title: `row ${i}`, lines: [] }),
      onClick: (h) => clicks.push(h),
    });
    const { sx, sy } = layoutPoints(r.embedding.coords, 2, r.rowCount, 400, 300);
    const surface = c.querySelector(mode === 'svg' ? '[data-testid="scatter"] svg' : '[data-testid="scatter"] canvas')!;
    const at = (type: string, x: number, y: number) =>
      surface.dispatchEvent(new doc.defaultView!.MouseEvent(type, { clientX: x, clientY: y, bubbles: true }));
    // jsdom lays nothing out: client coordinates are the surface's own.
    at('mousemove', sx[row], sy[row]);
    const tip = c.querySelector('.lava-tooltip') as HTMLElement;
    at('click', sx[row], sy[row]);
    at('click', 1, 1); // empty corner: no click reported
    found[mode] = { tip: tip.hidden ? null : tip.textContent, clicks };
  }
  assert.deepEqual(found.canvas, found.svg);
  const svg = found.svg as { tip: string; clicks: ScatterClick[] };
  assert.equal(svg.tip, `row ${row}`);
  assert.equal(svg.clicks.length, 1);
  assert.equal(svg.clicks[0].row, row);
});
