// Recognising image features: pixel_R_C and pixelN names on a square grid, with dropped pixels allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectImageGrid, toGrid } from '../../../webview/util/imageGrid';
import { renderModuleImage } from '../../../webview/views/image/imageView';
import { container, makeDocument, testTheme } from '../dom';
import { imageFeatures } from '../fixture';

test('digits-style pixel_R_C names with the corner dropped give an 8 x 8 grid', () => {
  const g = detectImageGrid(imageFeatures())!;
  assert.ok(g);
  assert.deepEqual([g.rows, g.cols], [8, 8]);
  assert.equal(g.cellOf[0], 1, 'pixel_0_1 is cell 1');
  assert.equal(g.cellOf[62], 63, 'pixel_7_7 is cell 63');
});

test('MNIST-style pixel1..pixel784 (1-based) and pixel0..pixel783 give 28 x 28', () => {
  const one = Array.from({ length: 784 }, (_, k) => `pixel${k + 1}`);
  const zero = Array.from({ length: 784 }, (_, k) => `pixel${k}`);
  for (const names of [one, zero]) {
    const g = detectImageGrid(names)!;
    assert.deepEqual([g.rows, g.cols], [28, 28]);
    assert.equal(g.cellOf[0], 0);
    assert.equal(g.cellOf[783], 783);
  }
});

test('ordinary feature names, mixed names and non-square grids are not images', () => {
  assert.equal(detectImageGrid(['a', 'b']), null);
  assert.equal(detectImageGrid([...imageFeatures(), 'age']), null);
  const rect = [];
  for (let r = 0; r < 4; r++) for (let c = 0; c < 8; c++) rect.push(`px_${r}_${c}`);
  assert.equal(detectImageGrid(rect), null);
});

test('the module picture places weights on the grid and leaves dropped pixels empty', () => {
  const feats = imageFeatures();
  const g = detectImageGrid(feats)!;
  const w = feats.map((f) => (f === 'pixel_3_4' ? 2 : f === 'pixel_3_5' ? 1 : 0));
  const cells = toGrid(g, w);
  assert.ok(Number.isNaN(cells[0]));
  assert.equal(cells[3 * 8 + 4], 2);
  const doc = makeDocument();
  const c = container(doc);
  const theme = testTheme();
  renderModuleImage(c, { grid: g, weights: w, theme, size: 80, moduleId: 3 });
  const root = c.querySelector('[data-testid="module-image"]')!;
  assert.equal(root.getAttribute('data-module-id'), '3');
  const lit = Array.from(root.querySelectorAll('rect[x]:not([data-dropped])'));
  assert.deepEqual(
    Array.from(root.querySelectorAll('rect[data-dropped]')).map((e) => [
      e.getAttribute('x'),
      e.getAttribute('y'),
    ]),
    [['0', '0']],
    'the dropped corner pixel is marked',
  );
  assert.deepEqual(
    lit.map((e) => [e.getAttribute('x'), e.getAttribute('y')]),
    [
      ['4', '3'],
      ['5', '3'],
    ],
  );
  assert.equal(lit[0].getAttribute('fill'), theme.orange, 'the largest weight takes the full accent');
});

test('maxFeatures kept a quarter of 28 x 28 pixels: the dropped ones (listed by name) still make the full grid', () => {
  const all = Array.from({ length: 784 }, (_, k) => `pixel${k + 1}`);
  // The 196 kept pixels: the centre 14 x 14; the rest were dropped as less variable (or constant).
  const kept = all.filter((_, k) => Math.abs((k % 28) - 13.5) < 7 && Math.abs(Math.floor(k / 28) - 13.5) < 7);
  const dropped = all.filter((f) => !kept.includes(f));
  assert.equal(detectImageGrid(kept), null, 'the kept ones alone are too few of their square');
  const g = detectImageGrid(kept, dropped)!;
  assert.deepEqual([g.rows, g.cols, g.cellOf.length], [28, 28, 196]);
  assert.equal(g.cellOf[0], 7 * 28 + 7, 'the first kept pixel, pixel204, is row 7, column 7');
  const cells = toGrid(g, new Float32Array(196).fill(1));
  assert.ok(Number.isNaN(cells[0]) && cells[7 * 28 + 7] === 1, 'dropped pixels are empty, kept ones placed');
  // Dropped names that are not pixels (an id column kept out as constant) do not spoil the grid.
  assert.deepEqual(detectImageGrid(imageFeatures(), ['batch'])?.rows, 8);
});

test("the views' per-result cache finds the grid from the kept and the dropped pixel names", async () => {
  const { ResultCache } = await import('../../../webview/views/resultCache');
  const all = Array.from({ length: 64 }, (_, k) => `pixel_${Math.floor(k / 8)}_${k % 8}`);
  // maxFeatures kept the 20 most variable; the other 44 are listed as dropped.
  const kept = all.filter((_, k) => k % 3 === 0 && k < 60);
  const dropped = all
    .filter((f) => !kept.includes(f))
    .map((name) => ({ name, reason: 'low-variance' as const }));
  const result = {
    features: kept,
    droppedFeatures: dropped,
  } as unknown as import('../../../src/shared/result/types').LavaResult;
  const grid = new ResultCache(result).grid;
  assert.deepEqual(grid && [grid.rows, grid.cols, grid.cellOf[1]], [8, 8, 3]);
});
