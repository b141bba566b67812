// The header: file, sizes and counts, notes said once, parameters with where each came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHeader } from '../../../../webview/views/header/header';
import { container, makeDocument } from '../../dom';
import { makeFixture } from '../../fixture';

test('dropped features are said once: the engine notes them, the header adds no second line', () => {
  const r = makeFixture();
  // The notes as src/engine/prepare/prepare.ts writes them when it drops 3 constant and 2 low-variance features.
  r.droppedFeatures = [
    { name: 'pixel_0_0', reason: 'constant' },
    { name: 'pixel_0_7', reason: 'constant' },
    { name: 'pixel_7_0', reason: 'constant' },
    { name: 'pixel_3_3', reason: 'low-variance' },
    { name: 'pixel_4_4', reason: 'low-variance' },
  ];
  r.notes = [
    'dropped 3 constant features: pixel_0_0, pixel_0_7, pixel_7_0',
    'kept the 9 most variable of 11 features (maxFeatures = 9); dropped 2 less variable',
  ];
  const doc = makeDocument();
  const c = container(doc);
  renderHeader(c, { result: r, appliedFrom: {}, running: null, error: null });
  const notes = Array.from(c.querySelectorAll('.lava-notes li'), (li) => li.textContent);
  assert.equal(notes.filter((n) => n.includes('pixel_0_0')).length, 1, notes.join('\n'));
  assert.equal(notes.filter((n) => /feature/.test(n)).length, 2, notes.join('\n'));
  // Dropped rows are the header's own line: the engine has no note for them.
  assert.match(notes[0], /^2 rows dropped for missing or non-numeric values: line 5 \(f3\), line 40 \(f0\)$/);
  assert.deepEqual(notes.slice(1), r.notes);
});
