// The header's notes fold to one line (the first note and how many more) and open on a click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHeader } from '../../../../webview/views/header/header';
import { container, makeDocument, testTheme } from '../../dom';
import { makeFixture } from '../../fixture';

test('many notes are one closed line: the first note and "+N more"; every note is inside', () => {
  const r = makeFixture();
  r.notes = Array.from({ length: 12 }, (_, k) => `note ${k}: dropped pixel_${k}_0 as constant`);
  const doc = makeDocument();
  const c = container(doc);
  renderHeader(c, { result: r, appliedFrom: {}, running: null, error: null, theme: testTheme() });
  const box = c.querySelector('[data-testid="notes"]') as HTMLDetailsElement;
  assert.equal(box.tagName, 'DETAILS');
  assert.equal(box.open, false, 'closed until clicked');
  assert.equal(box.querySelector('summary')!.textContent, '2 rows dropped for missing or non-numeric values: line 5 (f3), line 40 (f0) +12 more');
  assert.equal(box.querySelectorAll('li').length, 13);
});
