// The heatmap's SVG layers: feature labels, the non-zero cells (both triangles), frame, keyboard cursor, colour key.
import type { Theme } from '../../util/colors';
import { svgEl } from '../../util/svg';
import { formatWeight, round, type HeatmapGeometry } from './geometry';

export function labelLayer(doc: Document, g: HeatmapGeometry, features: readonly string[], theme: Theme): SVGGElement {
  const labels = svgEl(doc, 'g', {
    class: 'labels',
    fill: theme.foreground,
    'font-size': round(g.fontSize),
    'font-family': theme.fontFamily,
  });
  for (let f = 0; f < g.F; f += g.step) {
    const c = round(g.margin + (f + 0.5) * g.cell);
    const row = svgEl(doc, 'text', { x: g.margin - 4, y: c, 'text-anchor': 'end', 'dominant-baseline': 'middle' });
    row.textContent = features[f];
    const col = svgEl(doc, 'text', {
      transform: `translate(${c},${g.margin - 4}) rotate(-90)`,
      'dominant-baseline': 'middle',
    });
    col.textContent = features[f];
    labels.append(row, col);
  }
  return labels;
}

/** The matrix group; with `cells`, one rect per non-zero weight in each triangle (SVG mode). */
export function cellLayer(
  doc: Document,
  g: HeatmapGeometry,
  pattern: Float32Array,
  colorOf: (v: number) => string,
  cells: boolean,
): SVGGElement {
  const group = svgEl(doc, 'g', {
    class: 'cells',
    transform: `translate(${g.margin},${g.margin})`,
    'shape-rendering': 'crispEdges',
  });
  const size = round(g.cell);
  let q = 0;
  for (let i = 0; cells && i < g.F; i++) {
    for (let j = i + 1; j < g.F; j++, q++) {
      if (pattern[q] === 0) continue;
      const fill = colorOf(pattern[q]);
      // Both triangles: the matrix reads the same from either feature's row.
      for (const [r, c] of [
        [i, j],
        [j, i],
      ]) {
        const attrs = { x: round(c * g.cell), y: round(r * g.cell), width: size, height: size, fill };
        group.append(svgEl(doc, 'rect', { ...attrs, 'data-i': r, 'data-j': c }));
      }
    }
  }
  return group;
}

export function frameRect(doc: Document, g: HeatmapGeometry, theme: Theme): SVGRectElement {
  return svgEl(doc, 'rect', {
    width: g.matrix,
    height: g.matrix,
    fill: 'none',
    stroke: theme.foreground,
    'stroke-opacity': 0.3,
  });
}

export function cursorRect(doc: Document, g: HeatmapGeometry, theme: Theme): SVGRectElement {
  return svgEl(doc, 'rect', {
    class: 'cursor',
    width: round(g.cell),
    height: round(g.cell),
    fill: 'none',
    stroke: theme.focusBorder,
    'stroke-width': 2,
    visibility: 'hidden',
  });
}

/** About 5.2 px a character at the key's 9 px font (a guess on the wide side, so that text is never cut). */
const KEY_CHAR = 5.2;

/**
 * Colour key under the matrix: -max .. 0 .. +max in 21 steps, its unit on a line of its own below. The key starts
 * at the view's left edge (under the row labels) so that the unit has the view's whole width; a unit longer than
 * that is squeezed to fit rather than cut ("r in locality 12 (blank: |r| < 0.32)" in a narrow panel).
 */
export function colorKey(
  doc: Document,
  g: HeatmapGeometry,
  scale: { max: number; unit: string },
  colorOf: (v: number) => string,
  theme: Theme,
): SVGGElement {
  const { max } = scale;
  const key = svgEl(doc, 'g', {
    class: 'key',
    transform: `translate(4,${round(g.margin + g.matrix + 8)})`,
    'font-size': 9,
    'font-family': theme.fontFamily,
    fill: theme.foreground,
  });
  const room = g.width - 8;
  const kw = Math.min(160, Math.max(80, g.matrix), room);
  for (let k = 0; k < 21; k++) {
    const fill = colorOf(((k - 10) / 10) * max);
    key.append(svgEl(doc, 'rect', { x: round((k * kw) / 21), width: round(kw / 21 + 0.5), height: 8, fill }));
  }
  key.append(
    svgEl(doc, 'rect', { width: round(kw), height: 8, fill: 'none', stroke: theme.foreground, 'stroke-opacity': 0.3 }),
  );
  const lo = svgEl(doc, 'text', { x: 0, y: 18 });
  lo.textContent = formatWeight(-max);
  const hi = svgEl(doc, 'text', { x: round(kw), y: 18, 'text-anchor': 'end' });
  hi.textContent = formatWeight(max);
  const unit = svgEl(doc, 'text', { x: 0, y: 30, class: 'unit' });
  if (scale.unit.length * KEY_CHAR > room) {
    unit.setAttribute('textLength', String(round(room)));
    unit.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
  unit.textContent = scale.unit;
  key.append(lo, hi, unit);
  return key;
}

/** Bands over the rows and columns of the features a search found (in the matrix group's coordinates). */
export function highlightLayer(doc: Document, g: HeatmapGeometry, features: readonly number[], theme: Theme): SVGGElement {
  const group = svgEl(doc, 'g', { class: 'highlight', fill: 'none', stroke: theme.focusBorder, 'stroke-width': 1.5 });
  const c = round(g.cell);
  for (const f of features) {
    const at = round(f * g.cell);
    group.append(
      svgEl(doc, 'rect', { x: 0, y: at, width: g.matrix, height: c, 'data-feature': f }),
      svgEl(doc, 'rect', { x: at, y: 0, width: c, height: g.matrix, 'data-feature': f }),
    );
  }
  return group;
}
