// Small pictures of a module for the legend: a block-averaged mini heatmap, or the module's picture for image data.
import { divergingColor, type Theme } from '../../util/colors';
import { moduleImageSvg } from '../image/imageView';
import type { ImageGrid } from '../../util/imageGrid';
import { maxAbs } from '../../util/pattern';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const THUMB_BLOCKS = 24;

/**
 * B x B blocks (B = min(F, 24)) each showing the strongest signed weight inside it: a thumbnail keeps
 * a module's few strong pairs visible where an average would wash them out.
 */
export function blockPattern(pattern: Float32Array, F: number, B = Math.min(F, THUMB_BLOCKS)): Float32Array {
  const out = new Float32Array(B * B);
  const blockOf = new Int32Array(F);
  for (let f = 0; f < F; f++) blockOf[f] = Math.min(B - 1, Math.floor((f * B) / F));
  let q = 0;
  for (let i = 0; i < F; i++) {
    for (let j = i + 1; j < F; j++, q++) {
      const v = pattern[q];
      if (v === 0) continue;
      for (const k of [blockOf[i] * B + blockOf[j], blockOf[j] * B + blockOf[i]]) {
        if (Math.abs(v) > Math.abs(out[k])) out[k] = v;
      }
    }
  }
  return out;
}

export function patternThumbnail(
  doc: Document,
  pattern: Float32Array,
  F: number,
  theme: Theme,
  size = 36,
): SVGSVGElement {
  const B = Math.min(F, THUMB_BLOCKS);
  const blocks = blockPattern(pattern, F, B);
  const colorOf = divergingColor(theme, maxAbs(blocks));
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', `0 0 ${B} ${B}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'lava-thumb');
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(B));
  bg.setAttribute('height', String(B));
  bg.setAttribute('fill', theme.background);
  svg.append(bg);
  for (let r = 0; r < B; r++) {
    for (let c = 0; c < B; c++) {
      const v = blocks[r * B + c];
      if (v === 0) continue;
      const rect = doc.createElementNS(SVG_NS, 'rect');
      rect.setAttribute('x', String(c));
      rect.setAttribute('y', String(r));
      rect.setAttribute('width', '1');
      rect.setAttribute('height', '1');
      rect.setAttribute('fill', colorOf(v));
      svg.append(rect);
    }
  }
  return svg;
}

export function imageThumbnail(
  doc: Document,
  grid: ImageGrid,
  weights: ArrayLike<number>,
  theme: Theme,
  moduleId: number,
  size = 36,
): SVGSVGElement {
  const svg = moduleImageSvg(doc, { grid, weights, theme, size, moduleId, thumbnail: true });
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'lava-thumb');
  return svg;
}
