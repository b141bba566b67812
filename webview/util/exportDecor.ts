// What makes an exported view readable on its own: a title above it and, for the map, its colour legend below.
import type { Theme } from './colors';
import type { ColorLegendSpec } from './pointColors';
import { svgEl, SVG_NS } from './svg';

export interface ExportDecor {
  title: string;
  /** The colour key of the view, when it is not already inside its SVG (the map's is HTML beside it). */
  legend?: ColorLegendSpec;
}

const TITLE_H = 26;
const ROW_H = 16;

/** The legend as SVG rows: swatch and label per category (wrapped to the width), or a ramp with its range. */
function legendGroup(
  doc: Document,
  spec: ColorLegendSpec,
  width: number,
  theme: Theme,
): { g: SVGGElement; height: number } {
  const g = svgEl(doc, 'g', {
    class: 'legend',
    'font-size': 11,
    'font-family': theme.fontFamily,
    fill: theme.foreground,
  });
  if (spec.kind === 'none') return { g, height: 0 };
  const title = svgEl(doc, 'text', { x: 0, y: 11, 'font-weight': 'bold' });
  title.textContent = spec.title;
  g.append(title);
  if (spec.kind === 'sequential') {
    const w = Math.min(200, width - 80);
    const step = w / spec.palette.length;
    spec.palette.forEach((fill, k) =>
      g.append(svgEl(doc, 'rect', { x: 40 + k * step, y: ROW_H + 2, width: step + 0.5, height: 10, fill })),
    );
    const lo = svgEl(doc, 'text', { x: 36, y: ROW_H + 11, 'text-anchor': 'end' });
    lo.textContent = String(Number(spec.min.toPrecision(3)));
    const hi = svgEl(doc, 'text', { x: 44 + w, y: ROW_H + 11 });
    hi.textContent = String(Number(spec.max.toPrecision(3)));
    g.append(lo, hi);
    return { g, height: 2 * ROW_H + 4 };
  }
  let x = 0;
  let y = ROW_H;
  for (const e of spec.entries) {
    const w = 16 + 7 * e.label.length + 12;
    if (x > 0 && x + w > width) [x, y] = [0, y + ROW_H];
    const label = svgEl(doc, 'text', { x: x + 16, y: y + 10 });
    label.textContent = e.label;
    g.append(svgEl(doc, 'rect', { x, y: y + 1, width: 11, height: 11, fill: e.color }), label);
    x += w;
  }
  return { g, height: y + ROW_H + 4 };
}

/**
 * A new SVG document: the title, the view's SVG (nested as it is), then the legend. Width and height of the
 * view are read from its root; the result's size is returned with its text.
 */
export function decorateSvg(
  doc: Document,
  viewSvg: string,
  decor: ExportDecor,
  theme: Theme,
): { text: string; width: number; height: number } {
  const Parser = doc.defaultView?.DOMParser ?? DOMParser;
  const inner = new Parser().parseFromString(viewSvg, 'image/svg+xml').documentElement;
  const width = Math.max(240, Number(inner.getAttribute('width')) || 0);
  const viewH = Number(inner.getAttribute('height')) || 0;
  const legend = decor.legend ? legendGroup(doc, decor.legend, width - 16, theme) : null;
  const height = TITLE_H + viewH + (legend && legend.height ? legend.height + 8 : 0);
  const out = svgEl(doc, 'svg', { width, height, viewBox: `0 0 ${width} ${height}` });
  out.append(svgEl(doc, 'rect', { width, height, fill: theme.background }));
  const title = svgEl(doc, 'text', {
    x: 8,
    y: 17,
    'font-size': 13,
    'font-weight': 'bold',
    'font-family': theme.fontFamily,
    fill: theme.foreground,
  });
  title.textContent = decor.title;
  const nested = doc.importNode(inner, true) as unknown as SVGSVGElement;
  nested.setAttribute('y', String(TITLE_H));
  out.append(title, nested);
  if (legend && legend.height) {
    legend.g.setAttribute('transform', `translate(8,${TITLE_H + viewH + 8})`);
    out.append(legend.g);
  }
  const Serializer = doc.defaultView?.XMLSerializer ?? XMLSerializer;
  let text = new Serializer().serializeToString(out);
  if (!text.startsWith('<svg xmlns=')) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return { text, width, height };
}
