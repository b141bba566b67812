// The pair view's frame: axes with the two features' names, and the key saying which colour means what.
import { axisBottom, axisLeft, type ScaleLinear, type Selection } from 'd3';
import type { Theme } from '../../util/colors';

export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function pairAxes(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  m: Margins,
  p: { a: string; b: string; width: number; height: number; theme: Theme },
): void {
  const axes = svg.append('g').attr('color', p.theme.foreground);
  axes
    .append('g')
    .attr('transform', `translate(0,${p.height - m.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(p.width / 70))));
  axes
    .append('g')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(Math.max(2, Math.floor(p.height / 40))));
  const label = (text: string) =>
    axes.append('text').attr('text-anchor', 'middle').attr('fill', p.theme.foreground).attr('font-size', 11).text(text);
  label(p.a)
    .attr('x', (m.left + p.width - m.right) / 2)
    .attr('y', p.height - 4);
  label(p.b).attr('transform', `translate(11,${(m.top + p.height - m.bottom) / 2}) rotate(-90)`);
}

export function pairKey(doc: Document, activeColor: string, activeLabel: string, theme: Theme): HTMLElement {
  const key = doc.createElement('div');
  key.className = 'lava-pair-key';
  const entry = (color: string, text: string) => {
    const span = doc.createElement('span');
    const swatch = Object.assign(doc.createElement('span'), { className: 'lava-swatch' });
    // CSSOM, not a style attribute: the CSP allows this.
    swatch.style.background = color;
    span.append(swatch, doc.createTextNode(text));
    return span;
  };
  key.append(entry(activeColor, activeLabel), entry(theme.muted, 'elsewhere'));
  return key;
}
