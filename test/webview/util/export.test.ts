// SVG export: a standalone document with resolved colours, without the interactive bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { viewToSvg } from '../../../webview/util/export';
import { renderHeatmap } from '../../../webview/views/heatmap/heatmap';
import { container, makeDocument, testTheme } from '../dom';
import { makeFixture } from '../fixture';

test('an exported heatmap is a standalone SVG with the same cells and no focus cursor', () => {
  const r = makeFixture();
  const doc = makeDocument();
  const c = container(doc);
  renderHeatmap(c, {
    pattern: r.modules[2].pattern,
    features: r.features,
    theme: testTheme(),
    size: 300,
    moduleId: 2,
  });
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
