// The search box: suggestions as you type (features, columns, values), chosen by keyboard; a feature colours the
// map by its values (asked of the host) and marks the modules holding it; a value makes its rows stand out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allSuggestions, suggest, suggestionLabel } from '../../../../webview/views/search/suggest';
import { COLOR_BY_FEATURE } from '../../../../webview/store/state';
import { pack } from '../../../../src/shared/result/packed';
import { bootApp, settle } from '../../fakeHost';
import { makeFixture, resultNote } from '../../fixture';

test('suggestions: exact, then prefix, then anywhere; features, columns and label values; values by their own text', () => {
  const r = makeFixture();
  const all = allSuggestions(r);
  assert.deepEqual(suggest(all, 'f1').map(suggestionLabel), ['f1']);
  assert.deepEqual(suggest(all, 'F').map(suggestionLabel).slice(0, 9), ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8']);
  assert.deepEqual(suggest(all, 'blob b').map(suggestionLabel), ['label = blob B']);
  assert.deepEqual(suggest(all, 'lab').map(suggestionLabel), ['label', 'label = blob A', 'label = blob B', 'label = blob C']);
  // "score" has fractions: a column to colour by, no list of its values.
  assert.deepEqual(suggest(all, 'score').map((s) => s.kind), ['column']);
  assert.deepEqual(suggest(all, '   '), []);
});

async function withResult() {
  const b = bootApp(undefined, { width: 1000, height: 800 });
  await settle();
  b.host.notify('result', resultNote(makeFixture()));
  await settle();
  const input = b.root.querySelector('[data-testid="search"]') as HTMLInputElement;
  const win = b.doc.defaultView!;
  const type = (text: string) => {
    input.focus();
    input.value = text;
    input.dispatchEvent(new win.Event('input', { bubbles: true }));
  };
  const key = (k: string) => input.dispatchEvent(new win.KeyboardEvent('keydown', { key: k, bubbles: true }));
  const options = () => Array.from(b.root.querySelectorAll('[data-testid="search-suggestions"] [role="option"]'));
  return { ...b, input, type, key, options };
}

test('keyboard only: type, arrow down, Enter searches a feature; the host is asked for its values and the map uses them', async () => {
  const b = await withResult();
  const asked: string[] = [];
  const values = Float32Array.from({ length: 300 }, (_, i) => i % 7);
  b.host.handle('feature', ({ feature }) => {
    asked.push(feature);
    return { feature, values: pack(Float32Array.from(values)) };
  });
  b.type('f');
  assert.equal(b.input.getAttribute('aria-expanded'), 'true');
  assert.equal(b.options().length, 9);
  b.key('ArrowDown');
  b.key('ArrowDown');
  assert.equal(b.input.getAttribute('aria-activedescendant'), 'lava-search-option-2');
  b.key('Enter');
  await settle();
  assert.deepEqual(asked, ['f2']);
  assert.equal(b.input.value, 'f2');
  assert.equal(b.input.getAttribute('aria-expanded'), 'false');
  const s = b.app.store.get();
  assert.equal(s.colorBy, COLOR_BY_FEATURE);
  assert.deepEqual(Array.from(s.feature?.status === 'ready' ? s.feature.value : []), Array.from(values));
  assert.match(b.root.querySelector('[data-testid="color-legend"]')!.textContent, /f2/);
  // f2 is in module 0's planted pairs only: that legend entry stands out, the others fade.
  const marks = Array.from(b.root.querySelectorAll('[data-testid="module-item"]'), (li) => li.className);
  assert.ok(marks[0].includes('lava-search-hit'), marks[0]);
  assert.ok(marks.slice(1).every((c) => c.includes('lava-search-miss')), marks.join(' | '));
  // Escape with the list closed clears the search.
  b.key('Escape');
  assert.equal(b.app.store.get().search, null);
});

test('a label value highlights its rows on the map (the map counts them); a column colours by it', async () => {
  const b = await withResult();
  b.type('blob c');
  b.key('Enter');
  await settle();
  assert.equal(b.root.querySelector('[data-testid="scatter"]')!.getAttribute('data-selected-count'), '100');
  b.type('score');
  b.key('Enter');
  await settle();
  assert.equal(b.app.store.get().colorBy, 'score');
});
