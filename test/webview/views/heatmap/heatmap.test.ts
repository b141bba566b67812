// The pattern heatmap: cells where the pattern is non-zero, coloured by sign, clickable, labelled; snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { color } from 'd3';
import { renderHeatmap, labelStep } from '../../../../webview/views/heatmap/heatmap';
import { divergingColor } from '../../../../webview/util/colors';
import { container, makeDocument, matchSnapshot, testTheme } from '../../dom';
import { makeFixture, F, FEATURES, PLANTED } from '../../fixture';
import { moduleScale, rWhereActivePattern } from '../../../../webview/views/heatmap/units';

function render(moduleId: number, onCellClick?: (i: number, j: number) => void) {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  renderHeatmap(c, {
    pattern: r.modules[moduleId].pattern,
    features: r.features,
    theme: testTheme(),
    size: 300,
    moduleId,
    onCellClick,
  });
  return { doc, root: c.querySelector('[data-testid="heatmap"]')! };
}

const rgb = (fill: string | null) => color(fill!)!.rgb();

test('heatmap root carries the module id and feature count, and matches its snapshot', () => {
  const { root } = render(0);
  assert.equal(root.getAttribute('data-module-id'), '0');
  assert.equal(root.getAttribute('data-feature-count'), String(F));
  assert.equal(root.hasAttribute('data-locality-id'), false);
  matchSnapshot('heatmap-module-0.snap', root.outerHTML);
});

test('cells exist exactly where the planted pattern is non-zero (both triangles)', () => {
  for (let m = 0; m < PLANTED.length; m++) {
    const { root } = render(m);
    const cells = Array.from(root.querySelectorAll('rect[data-i]')).map(
      (e) => `${e.getAttribute('data-i')},${e.getAttribute('data-j')}`,
    );
    const expected = PLANTED[m].flatMap(([i, j]) => [`${i},${j}`, `${j},${i}`]);
    assert.deepEqual(cells.sort(), expected.sort());
  }
});

test('cell colours follow the sign: +0.8 at (f0,f1) is red, -0.7 at (f3,f4) is blue, the stronger the darker', () => {
  const theme = testTheme();
  const pos = rgb(render(0).root.querySelector('rect[data-i="0"][data-j="1"]')!.getAttribute('fill'));
  assert.ok(pos.r > pos.b + 60, `positive cell ${pos.formatHex()} should be red`);
  const neg = rgb(render(1).root.querySelector('rect[data-i="3"][data-j="4"]')!.getAttribute('fill'));
  assert.ok(neg.b > neg.r + 60, `negative cell ${neg.formatHex()} should be blue`);
  // The strongest weight gets the theme's full chart colour; a weaker one of the same sign is lighter.
  assert.equal(pos.formatHex(), theme.red);
  const weaker = rgb(render(0).root.querySelector('rect[data-i="1"][data-j="2"]')!.getAttribute('fill'));
  assert.ok(weaker.g > pos.g, 'the 0.6 cell is lighter than the 0.8 cell');
  const f = divergingColor(theme, 1);
  assert.equal(f(0), theme.background, 'zero is the background in any theme');
});

test('clicking a cell reports its pair; Enter on the keyboard cursor does the same', () => {
  const clicks: [number, number][] = [];
  const { doc, root } = render(1, (i, j) => clicks.push([i, j]));
  const svg = root.querySelector('svg')!;
  svg.dispatchEvent(new doc.defaultView!.FocusEvent('focus'));
  const key = (k: string) =>
    svg.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: k, bubbles: true }));
  // The cursor starts at (0, 1); move to (3, 4).
  key('ArrowDown');
  key('ArrowDown');
  key('ArrowDown');
  key('ArrowRight');
  key('ArrowRight');
  key('ArrowRight');
  key('Enter');
  assert.deepEqual(clicks, [[3, 4]]);
  assert.match(root.querySelector('.lava-heatmap-status')!.textContent, /f3 ~ f4: -0\.700/);
});

test('labels thin out when cells are small, never when they are large', () => {
  assert.equal(labelStep(20), 1);
  assert.equal(labelStep(11), 1);
  assert.equal(labelStep(4), 3);
  assert.equal(labelStep(0.5), 22);
  assert.equal(render(0).root.querySelectorAll('g.labels text').length, 2 * FEATURES.length);
});

test('a locality heatmap is marked with data-locality-id instead of data-module-id', () => {
  const doc = makeDocument();
  const c = container(doc);
  renderHeatmap(c, {
    pattern: new Float32Array(3),
    features: ['a', 'b', 'c'],
    theme: testTheme(),
    size: 200,
    localityId: 7,
  });
  const root = c.querySelector('[data-testid="heatmap"]')!;
  assert.equal(root.getAttribute('data-locality-id'), '7');
  assert.equal(root.hasAttribute('data-module-id'), false);
  assert.equal(root.getAttribute('data-feature-count'), '3');
});

test('more than 80 features switch to canvas cells', () => {
  const doc = makeDocument();
  const c = container(doc);
  const feats = Array.from({ length: 81 }, (_, k) => `g${k}`);
  renderHeatmap(c, {
    pattern: new Float32Array((81 * 80) / 2),
    features: feats,
    theme: testTheme(),
    size: 300,
    moduleId: 0,
  });
  const root = c.querySelector('[data-testid="heatmap"]')!;
  assert.equal(root.getAttribute('data-mode'), 'canvas');
  assert.equal(root.querySelectorAll('rect[data-i]').length, 0);
});

test('a module heatmap is in correlation units: r where active on its pairs, blank elsewhere, the unit on the key', () => {
  const r = makeFixture();
  const m = r.modules[0];
  const theme = testTheme();
  const doc = makeDocument();
  const c = container(doc);
  renderHeatmap(c, { pattern: rWhereActivePattern(m, r.features), features: r.features, theme, size: 300, moduleId: 0, scale: moduleScale(m) });
  const root = c.querySelector('[data-testid="heatmap"]')!;
  // (f0, f1) holds r = 0.8 where M0 is active (its NMF weight is 0.2): coloured as 0.8 on the -1..+1 scale,
  // not as the module's largest weight (which the weight scale would draw at full red).
  const fill = root.querySelector('rect[data-i="0"][data-j="1"]')!.getAttribute('fill');
  assert.equal(fill, divergingColor(theme, 1)(0.8));
  assert.notEqual(fill, theme.red);
  // Only the module's listed pairs are drawn.
  assert.equal(root.querySelectorAll('rect[data-i]').length, 2 * m.pairs.length);
  const key = root.querySelector('g.key')!;
  assert.deepEqual(Array.from(key.querySelectorAll('text'), (t) => t.textContent), ['-1.000', '+1.000', 'r where M0 is active (its 3 strongest pairs; blank: not in M0)']);
  const svg = root.querySelector('svg')!;
  svg.dispatchEvent(new doc.defaultView!.FocusEvent('focus'));
  assert.equal(root.querySelector('.lava-heatmap-status')!.textContent, 'f0 ~ f1: r = +0.80 where M0 is active');
  svg.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  svg.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  assert.equal(root.querySelector('.lava-heatmap-status')!.textContent, "f0 ~ f3: not among M0's 3 strongest pairs");
});

test("the colour key's unit has a line of its own inside the view, squeezed (never cut) when longer than the view", () => {
  const r = makeFixture();
  const keyOf = (unit: string, size: number) => {
    const c = container(makeDocument());
    renderHeatmap(c, { pattern: r.modules[0].pattern, features: r.features, theme: testTheme(), size, moduleId: 0, scale: { max: 1, unit, describe: String } });
    const svg = c.querySelector('svg')!;
    const text = c.querySelector<SVGTextElement>('.key text.unit')!;
    const y = Number(/translate\([\d.]+,([\d.]+)\)/.exec(c.querySelector('.key')!.getAttribute('transform')!)![1]);
    return { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')), text, bottom: y + Number(text.getAttribute('y')) };
  };
  const long = 'r in locality 12 (blank: |r| < 0.32)';
  const narrow = keyOf(long, 150);
  assert.equal(narrow.text.textContent, long);
  assert.ok(Number(narrow.text.getAttribute('textLength')) <= narrow.width - 8, 'squeezed into the view');
  assert.ok(narrow.bottom <= narrow.height, 'inside the view, below the bar and its end values');
  const wide = keyOf('pattern weight', 300);
  assert.equal(wide.text.hasAttribute('textLength'), false, 'a short unit keeps its natural width');
  assert.ok(wide.bottom <= wide.height);
});
