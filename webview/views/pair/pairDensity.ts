// The pair view's density: binned counts of all rows as cells (more rows, more ink), and in each cell a dot in
// the active colour whose area follows the count of active rows there.
import type { ScaleLinear } from 'd3';
import { mix, type Theme } from '../../util/colors';
import type { Bins } from '../../util/pairStats';
import { svgEl } from '../../util/svg';

const round = (v: number) => Math.round(v * 100) / 100;

export function densityLayer(
  doc: Document,
  bins: Bins,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  theme: Theme,
  activeColor: string,
): SVGGElement {
  const g = svgEl(doc, 'g', { class: 'density' });
  const ny = bins.yEdges.length - 1;
  const maxAll = Math.max(1, ...bins.all);
  const maxActive = Math.max(1, ...bins.active);
  for (let k = 0; k < bins.all.length; k++) {
    if (bins.all[k] === 0) continue;
    const i = Math.floor(k / ny);
    const j = k % ny;
    const x0 = x(bins.xEdges[i]);
    const x1 = x(bins.xEdges[i + 1]);
    const y0 = y(bins.yEdges[j + 1]);
    const y1 = y(bins.yEdges[j]);
    // sqrt: a bin of one row stays visible beside one of a thousand.
    const fill = mix(theme.background, theme.foreground, 0.12 + 0.68 * Math.sqrt(bins.all[k] / maxAll));
    const cell = svgEl(doc, 'rect', {
      x: round(x0),
      y: round(y0),
      width: round(x1 - x0),
      height: round(y1 - y0),
      fill,
    });
    cell.setAttribute('data-count', String(bins.all[k]));
    cell.setAttribute('data-active', String(bins.active[k]));
    g.append(cell);
    if (bins.active[k] > 0) {
      const r = 0.45 * Math.min(x1 - x0, y1 - y0) * Math.sqrt(bins.active[k] / maxActive);
      g.append(
        svgEl(doc, 'circle', {
          cx: round((x0 + x1) / 2),
          cy: round((y0 + y1) / 2),
          r: round(Math.max(1, r)),
          fill: activeColor,
        }),
      );
    }
  }
  return g;
}
