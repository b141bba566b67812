// A locality's samples: thumbnails drawn from the rows' pixel values for image data, a table of rows otherwise;
// either opens the data file at a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootApp, settle } from '../../fakeHost';
import { imageDesign, makeFixture, resultNote, LOCALITY_SIZE } from '../../fixture';
import { pack } from '../../../../src/shared/result/packed';
import { detectImageGrid } from '../../../../webview/util/imageGrid';
import { sampleImage, valueRange } from '../../../../webview/util/sampleImage';
import type { LavaResult } from '../../../../src/shared/result/types';
import { membersOf } from '../../../../src/shared/result/columns';

const members4 = (r: LavaResult) => Array.from(membersOf(r.localities, 4));

/** Row r's feature f is r + f / 100: the answer says which row it is about. */
async function showSamples(result: LavaResult) {
  const b = bootApp();
  const asked: number[][] = [];
  b.host.handle('rows', ({ rows }) => {
    asked.push(rows);
    const F = result.features.length;
    const values = new Float32Array(rows.length * F).map((_, k) => rows[Math.floor(k / F)] + (k % F) / 100);
    return { rows, features: result.features, values: pack(values) };
  });
  b.host.handle('locality', ({ locality }) => ({
    locality,
    pattern: pack(new Float32Array((result.features.length * (result.features.length - 1)) / 2)),
    features: result.features,
  }));
  await settle();
  b.host.notify('result', resultNote(result));
  await settle();
  b.app.store.dispatch({ type: 'showLocality', id: 4 });
  await settle();
  return { ...b, asked };
}

test("tabular data: a table of the locality's rows with line numbers that open the file there", async () => {
  const r = makeFixture();
  const { root, asked, notes } = await showSamples(r);
  assert.deepEqual(asked, [members4(r)]);
  const panel = root.querySelector('[data-testid="locality-samples"]')!;
  assert.equal(panel.getAttribute('data-sample-count'), String(LOCALITY_SIZE));
  assert.equal(panel.getAttribute('data-kind'), 'table');
  const lines = Array.from(panel.querySelectorAll('[data-testid="open-row"]'), (b) => b.textContent);
  assert.deepEqual(
    lines,
    members4(r).map((row) => String(r.rowLines[row])),
  );
  // Feature columns: the selected module's (M0) strongest features, f0 f1 f2, with the rows' values.
  const head = Array.from(panel.querySelectorAll('th'), (th) => th.textContent);
  assert.deepEqual(head.slice(0, 6), ['line', 'label', 'score', 'f0', 'f1', 'f2']);
  const firstRow = members4(r)[0];
  const cells = Array.from(panel.querySelectorAll('tr')[1].children, (td) => td.textContent);
  assert.equal(cells[4], Math.fround(firstRow + 0.01).toPrecision(4), 'f1 of the first row');
  (panel.querySelector('[data-testid="open-row"]') as HTMLElement).click();
  await settle();
  assert.deepEqual(notes.at(-1), { type: 'openRow', payload: { row: firstRow } });
});

test('image data: one thumbnail per sample, each opening its row', async () => {
  const r = makeFixture(100, imageDesign(8));
  const { root, notes } = await showSamples(r);
  const panel = root.querySelector('[data-testid="locality-samples"]')!;
  assert.equal(panel.getAttribute('data-kind'), 'images');
  const thumbs = Array.from(panel.querySelectorAll<HTMLCanvasElement>('[data-testid="sample-thumb"]'));
  assert.equal(thumbs.length, LOCALITY_SIZE);
  assert.deepEqual([thumbs[0].width, thumbs[0].height], [8, 8], 'one canvas pixel per image pixel');
  assert.match(thumbs[3].title, new RegExp(`^line ${r.rowLines[members4(r)[3]]} \\(label blob`));
  thumbs[3].dispatchEvent(new root.ownerDocument.defaultView!.MouseEvent('click'));
  await settle();
  assert.deepEqual(notes.at(-1), { type: 'openRow', payload: { row: members4(r)[3] } });
  // From the keyboard: each thumbnail is a button reached by Tab, Enter opens its row.
  assert.equal(thumbs[5].tabIndex, 0);
  thumbs[5].dispatchEvent(new root.ownerDocument.defaultView!.KeyboardEvent('keydown', { key: 'Enter' }));
  await settle();
  assert.deepEqual(notes.at(-1), { type: 'openRow', payload: { row: members4(r)[5] } });
});

test("an .h5ad's samples: rows by position and cell name, nothing to open (an .h5ad has no lines); an .npy's thumbnails are pictures, not buttons", async () => {
  const r = makeFixture();
  r.source = { ...r.source, file: '/data/cells.h5ad' };
  r.rowNames = Array.from({ length: r.rowCount }, (_, i) => `cell-${i}`);
  const { root } = await showSamples(r);
  const panel = root.querySelector('[data-testid="locality-samples"]')!;
  assert.equal(panel.querySelectorAll('[data-testid="open-row"]').length, 0);
  const head = Array.from(panel.querySelectorAll('th'), (th) => th.textContent);
  assert.deepEqual(head.slice(0, 3), ['row', 'name', 'label']);
  const first = members4(r)[0];
  const cells = Array.from(panel.querySelectorAll('tr')[1].children, (td) => td.textContent);
  assert.deepEqual(cells.slice(0, 2), [String(r.rowLines[first]), `cell-${first}`]);

  const img = makeFixture(100, imageDesign(8));
  img.source = { ...img.source, file: '/data/images.npy' };
  const thumbs = (await showSamples(img)).root.querySelectorAll<HTMLCanvasElement>('[data-testid="sample-thumb"]');
  assert.equal(thumbs[0].getAttribute('role'), 'img');
  assert.equal(thumbs[0].tabIndex, -1);
  assert.match(thumbs[0].title, /^row \d+ \(label blob [^)]*\)$/);
});

test('a sample image: values scaled to the shared range from background to ink, dropped pixels left as background', () => {
  const r = makeFixture(100, imageDesign(4));
  const grid = detectImageGrid(
    r.features,
    r.droppedFeatures.map((d) => d.name),
  )!;
  // 15 kept pixels (the corner is dropped): 0 everywhere but pixel_1_1 = 10 and pixel_0_1 = 5.
  const values = r.features.map((f) => (f === 'pixel_1_1' ? 10 : f === 'pixel_0_1' ? 5 : 0));
  const rgba = sampleImage(grid, values, valueRange(values), '#ffffff', '#000000');
  const px = (row: number, col: number) =>
    Array.from(rgba.subarray((row * 4 + col) * 4, (row * 4 + col) * 4 + 4));
  assert.deepEqual(px(1, 1), [0, 0, 0, 255], 'the largest value is full ink');
  assert.deepEqual(px(0, 1), [128, 128, 128, 255], 'half the range is half way (rounded)');
  assert.deepEqual(px(0, 0), [255, 255, 255, 255], 'the dropped corner is background');
  assert.deepEqual(px(3, 3), [255, 255, 255, 255], 'the smallest value is background');
});
