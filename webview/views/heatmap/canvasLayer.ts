// Many features: the cells as one pixel each in an offscreen image, scaled up without smoothing under the SVG.
import { color, type RGBColor } from 'd3';
import type { Theme } from '../../util/colors';
import { pairOf } from '../../../src/shared/result/pairs';
import type { HeatmapGeometry } from './geometry';

/** F x F pixels: the background, and each non-zero weight's colour in both triangles. */
function cellImage(octx: CanvasRenderingContext2D, pattern: Float32Array, F: number, theme: Theme, colorOf: (v: number) => string) {
  const img = octx.createImageData(F, F);
  const bg = color(theme.background)!.rgb();
  // colorOf has ~130 levels: parse each once, not once per cell (F = 784 has 306,936 pairs).
  const rgbOf = new Map<string, RGBColor>();
  const put = (p: number, c: { r: number; g: number; b: number }) => {
    img.data[p * 4] = c.r;
    img.data[p * 4 + 1] = c.g;
    img.data[p * 4 + 2] = c.b;
    img.data[p * 4 + 3] = 255;
  };
  for (let p = 0; p < F * F; p++) put(p, bg);
  let q = 0;
  for (let i = 0; i < F; i++) {
    for (let j = i + 1; j < F; j++, q++) {
      if (pattern[q] === 0) continue;
      const hex = colorOf(pattern[q]);
      let c = rgbOf.get(hex);
      if (!c) rgbOf.set(hex, (c = color(hex)!.rgb()));
      put(i * F + j, c);
      put(j * F + i, c);
    }
  }
  return img;
}

/**
 * Cells under two device pixels would let a sparse pattern vanish: every non-zero cell is drawn again as a
 * 2 px mark, weakest first so the strongest stay on top.
 */
function markSmallCells(ctx: CanvasRenderingContext2D, g: HeatmapGeometry, pattern: Float32Array, colorOf: (v: number) => string, dpr: number) {
  const nz: number[] = [];
  for (let k = 0; k < pattern.length; k++) if (pattern[k] !== 0) nz.push(k);
  nz.sort((a, b) => Math.abs(pattern[a]) - Math.abs(pattern[b]));
  const mark = 2 / dpr;
  for (const k of nz) {
    const [a, b] = pairOf(k, g.F);
    ctx.fillStyle = colorOf(pattern[k]);
    ctx.fillRect(g.margin + b * g.cell, g.margin + a * g.cell, mark, mark);
    ctx.fillRect(g.margin + a * g.cell, g.margin + b * g.cell, mark, mark);
  }
}

export function canvasLayer(
  doc: Document,
  g: HeatmapGeometry,
  pattern: Float32Array,
  theme: Theme,
  colorOf: (v: number) => string,
): HTMLCanvasElement {
  const canvas = doc.createElement('canvas');
  const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
  canvas.width = Math.round(g.width * dpr);
  canvas.height = Math.round(g.height * dpr);
  canvas.style.width = `${g.width}px`;
  canvas.style.height = `${g.height}px`;
  const ctx = canvas.getContext('2d');
  const off = doc.createElement('canvas');
  off.width = g.F;
  off.height = g.F;
  const octx = off.getContext('2d');
  // jsdom has no canvas: the element is there, nothing is painted.
  if (!ctx || !octx) return canvas;
  octx.putImageData(cellImage(octx, pattern, g.F, theme, colorOf), 0, 0);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, g.width, g.height);
  ctx.drawImage(off, g.margin, g.margin, g.matrix, g.matrix);
  if (g.cell * dpr < 2) markSmallCells(ctx, g, pattern, colorOf, dpr);
  return canvas;
}
