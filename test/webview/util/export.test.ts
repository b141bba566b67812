// SVG export: a standalone document with resolved colours, without the interactive bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { viewToSvg } from '../../../webview/util/export';
import { renderHeatmap } from '../../../webview/views/heatmap/heatmap';
import { container, makeDocument, testTheme } from '../dom';
import { makeFixture } from '../fixture';

/** Module m's heatmap of the fixture, rendered into a new document. */
function heatmapOf(m: number): { doc: Document; c: HTMLElement } {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  renderHeatmap(c, {
    pattern: r.modules[m].pattern,
    features: r.features,
    theme: testTheme(),
    size: 300,
    moduleId: m,
  });
  return { doc, c };
}

test('an exported heatmap is a standalone SVG with the same cells and no focus cursor', () => {
  const { c } = heatmapOf(2);
  const text = viewToSvg(c)!;
  assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(text, /var\(--/, 'no theme variables: the file must look the same outside VS Code');
  assert.doesNotMatch(text, /tabindex|class="cursor"/);
  // Parse it back as XML: 3 planted pairs, both triangles.
  const parsed = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
  assert.equal(parsed.documentElement.tagName, 'svg');
  assert.equal(parsed.querySelectorAll('rect[data-i]').length, 6);
  assert.equal(
    parsed.querySelector('rect[data-i="7"][data-j="8"]')!.getAttribute('fill'),
    c.querySelector('rect[data-i="7"][data-j="8"]')!.getAttribute('fill'),
  );
});

test('an exported map carries its title and colour legend; the view itself is nested whole', async () => {
  const { decorateSvg } = await import('../../../webview/util/exportDecor');
  const { doc, c } = heatmapOf(0);
  const view = viewToSvg(c)!;
  const legend = {
    kind: 'categorical' as const,
    title: 'label',
    entries: [
      { label: 'blob A', color: '#112233', count: 100 },
      { label: 'blob B', color: '#445566', count: 100 },
    ],
  };
  const out = decorateSvg(doc, view, { title: 'blobs.csv: embedding map', legend }, testTheme());
  const parsed = new JSDOM(out.text, { contentType: 'image/svg+xml' }).window.document;
  const root = parsed.documentElement;
  assert.equal(root.tagName, 'svg');
  assert.equal(root.querySelector(':scope > text')!.textContent, 'blobs.csv: embedding map');
  assert.equal(
    root.querySelectorAll('svg svg rect[data-i]').length,
    6,
    'the heatmap inside, every cell kept',
  );
  const keys = Array.from(root.querySelectorAll('.legend rect'), (e) => e.getAttribute('fill'));
  assert.deepEqual(keys, ['#112233', '#445566']);
  assert.deepEqual(
    Array.from(root.querySelectorAll('.legend text'), (e) => e.textContent),
    ['label', 'blob A', 'blob B'],
  );
  assert.ok(
    out.height > Number(c.querySelector('svg')!.getAttribute('height')) + 26,
    'room for title and legend',
  );
  const ramp = decorateSvg(
    doc,
    view,
    {
      title: 'x',
      legend: {
        kind: 'sequential',
        title: 'M0 activity',
        min: 0,
        max: 0.75,
        palette: ['#000000', '#ffffff'],
      },
    },
    testTheme(),
  );
  assert.match(ramp.text, />0\.75</);
});
