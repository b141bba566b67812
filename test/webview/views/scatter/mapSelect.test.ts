// Lasso and box on the map, in both renderers: a drag selects the rows inside (shift adds, alt removes), Escape
// clears; selected rows are drawn on top and counted; the keyboard moves between points and picks one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderScatter, layoutPoints, type ScatterClick, type ScatterProps } from '../../../../webview/views/scatter/scatter';
import { pointInPolygon } from '../../../../webview/views/scatter/pointIndex';
import { metadataColoring } from '../../../../webview/util/pointColors';
import type { SelectMode } from '../../../../webview/store/state';
import { container, makeDocument, testTheme } from '../../dom';
import { makeFixture } from '../../fixture';

const W = 400;
const H = 300;

function mapOf(mode: 'svg' | 'canvas', extra: Partial<ScatterProps> = {}) {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  const theme = testTheme();
  const selections: [number[], SelectMode][] = [];
  const clicks: ScatterClick[] = [];
  let cleared = 0;
  const props: ScatterProps = {
    mode,
    coords: r.embedding.coords,
    dims: 2,
    count: r.rowCount,
    coloring: metadataColoring(r.metadata[0], theme),
    theme,
    width: W,
    height: H,
    tool: 'lasso',
    onSelect: (rows, m) => selections.push([Array.from(rows), m]),
    onClearSelection: () => cleared++,
    onClick: (h) => clicks.push(h),
    tooltip: (i) => ({ title: `row ${i}`, lines: [] }),
    ...extra,
  };
  renderScatter(c, props);
  const surface = c.querySelector('[data-testid="scatter"] > svg:not(.lava-map-overlay), [data-testid="scatter"] canvas')!;
  const win = doc.defaultView!;
  const mouse = (type: string, x: number, y: number, init: MouseEventInit = {}) =>
    (type === 'mousedown' ? surface : win).dispatchEvent(
      new win.MouseEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0, ...init }),
    );
  /** A drag through the polygon's corners, as a hand would draw it (jsdom: client coordinates are the surface's). */
  const drag = (poly: number[], init: MouseEventInit = {}) => {
    mouse('mousedown', poly[0], poly[1], init);
    for (let k = 2; k < poly.length; k += 2) mouse('mousemove', poly[k], poly[k + 1], init);
    mouse('mouseup', poly[poly.length - 2], poly[poly.length - 1], init);
  };
  const key = (k: string, init: KeyboardEventInit = {}) =>
    surface.dispatchEvent(new win.KeyboardEvent('keydown', { key: k, bubbles: true, ...init }));
  return { r, c, doc, surface, selections, clicks, drag, key, props, cleared: () => cleared };
}

/** The rows a polygon (in surface pixels, unzoomed) holds, from the points' own layout. */
function inside(r: ReturnType<typeof makeFixture>, poly: number[]): number[] {
  const { sx, sy } = layoutPoints(r.embedding.coords, 2, r.rowCount, W, H);
  const out: number[] = [];
  for (let i = 0; i < r.rowCount; i++) if (pointInPolygon(poly, sx[i], sy[i])) out.push(i);
  return out;
}

const LASSO = [20, 20, 220, 30, 200, 280, 120, 150, 30, 260];

for (const mode of ['svg', 'canvas'] as const) {
  test(`${mode}: a lasso drag selects exactly the rows inside it; shift adds, alt removes`, () => {
    const m = mapOf(mode);
    const want = inside(m.r, LASSO);
    assert.ok(want.length > 10 && want.length < m.r.rowCount, `the lasso holds some rows (${want.length})`);
    m.drag(LASSO);
    m.drag(LASSO, { shiftKey: true });
    m.drag(LASSO, { altKey: true });
    assert.deepEqual(m.selections, [
      [want, 'replace'],
      [want, 'add'],
      [want, 'remove'],
    ]);
    assert.equal(m.clicks.length, 0, 'a drag is not a click');
  });

  test(`${mode}: a box drag selects the rows in the box; a press without travel is a click`, () => {
    const m = mapOf(mode, { tool: 'box' });
    m.drag([250, 40, 390, 290]);
    const want = inside(m.r, [250, 40, 390, 40, 390, 290, 250, 290]);
    assert.ok(want.length > 0);
    assert.deepEqual(m.selections, [[want, 'replace']]);
  });

  test(`${mode}: Escape on the map clears the selection; selected rows are counted on the map`, () => {
    const rows = new Uint8Array(300);
    rows[3] = rows[150] = rows[299] = 1;
    const m = mapOf(mode, { selected: rows });
    assert.equal(m.c.querySelector('[data-testid="scatter"]')!.getAttribute('data-selected-count'), '3');
    m.key('Escape');
    assert.equal(m.cleared(), 1);
  });
}

test('svg: selected rows are drawn last (on top), full colour, and the rest faded', () => {
  const rows = new Uint8Array(300);
  rows[3] = rows[150] = 1;
  const m = mapOf('svg', { selected: rows });
  const circles = Array.from(m.c.querySelectorAll('circle'));
  assert.deepEqual(
    circles.slice(-2).map((e) => e.getAttribute('data-row')),
    ['3', '150'],
  );
  assert.equal(circles.filter((e) => e.getAttribute('opacity') === '0.3').length, 298);
});

test('the pan tool does not draw: a drag selects nothing', () => {
  const m = mapOf('svg', { tool: 'pan' });
  m.drag(LASSO);
  assert.deepEqual(m.selections, []);
});

test('keyboard: an arrow focuses the point nearest the centre, then the next one that way; Enter picks it', () => {
  const m = mapOf('svg');
  const { sx, sy } = layoutPoints(m.r.embedding.coords, 2, m.r.rowCount, W, H);
  m.key('ArrowRight');
  // The first arrow starts at the point nearest the map's centre.
  let first = -1;
  let bd = Infinity;
  for (let i = 0; i < sx.length; i++) {
    const d = (sx[i] - W / 2) ** 2 + (sy[i] - H / 2) ** 2;
    if (d < bd) [bd, first] = [d, i];
  }
  const tip = m.c.querySelector('.lava-tooltip') as HTMLElement;
  assert.equal(tip.hidden, false, 'the tooltip follows focus');
  assert.equal(tip.textContent, `row ${first}`);
  m.key('ArrowRight');
  const second = Number(tip.textContent.slice(4));
  assert.ok(sx[second] > sx[first], 'the second point is to the right');
  assert.ok(Math.abs(sy[second] - sy[first]) <= sx[second] - sx[first], 'within 45 degrees');
  m.key('Enter');
  assert.deepEqual(m.clicks, [{ row: second, probe: null }]);
});
