// The pair view: two features' values for every row, rows where the module (or locality) is active in colour.
import { axisBottom, axisLeft, extent, scaleLinear, select } from 'd3';
import type { Theme } from '../../util/colors';
import { SVG_MAX_POINTS } from '../scatter/scatter';

export interface PairViewProps {
  a: string;
  b: string;
  av: ArrayLike<number>;
  bv: ArrayLike<number>;
  /** 1 where the row is in an active locality (drawn in colour, on top). */
  active: Uint8Array | null;
  activeLabel: string;
  /** Colour of the active rows (the module's own colour); charts.orange when not given. */
  activeColor?: string;
  theme: Theme;
  width: number;
  height: number;
  mode?: 'auto' | 'svg' | 'canvas';
}

const round = (v: number) => Math.round(v * 100) / 100;

export function renderPairView(container: HTMLElement, props: PairViewProps): void {
  const { av, bv, theme, width, height } = props;
  const n = Math.min(av.length, bv.length);
  const mode =
    props.mode === 'svg' || props.mode === 'canvas' ? props.mode : n < SVG_MAX_POINTS ? 'svg' : 'canvas';
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = doc.createElement('div');
  root.className = 'lava-pair-view';
  root.dataset.testid = 'pair-view';
  root.dataset.pair = `${props.a}|${props.b}`;
  root.dataset.pointCount = String(n);
  root.dataset.mode = mode;
  container.append(root);

  const m = { left: 44, right: 8, top: 8, bottom: 34 };
  const finite = (v: ArrayLike<number>) => Array.from({ length: n }, (_, i) => v[i]).filter(Number.isFinite);
  const [x0, x1] = extent(finite(av)) as [number, number];
  const [y0, y1] = extent(finite(bv)) as [number, number];
  const x = scaleLinear()
    .domain([x0 ?? 0, x1 ?? 1])
    .nice()
    .range([m.left, width - m.right]);
  const y = scaleLinear()
    .domain([y0 ?? 0, y1 ?? 1])
    .nice()
    .range([height - m.bottom, m.top]);
  const active = props.active;
  // Inactive rows first so the coloured ones are never hidden under them.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (active?.[i] ?? 0) - (active?.[j] ?? 0),
  );
  const on = props.activeColor ?? theme.orange;
  const fill = (i: number) => (active?.[i] ? on : theme.muted);

  const svg = select(root)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('font-family', theme.fontFamily);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', theme.background);
  if (mode === 'svg') {
    svg
      .append('g')
      .attr('class', 'points')
      .selectAll('circle')
      .data(order.filter((i) => Number.isFinite(av[i]) && Number.isFinite(bv[i])))
      .join('circle')
      .attr('cx', (i) => round(x(av[i])))
      .attr('cy', (i) => round(y(bv[i])))
      .attr('r', 2.5)
      .attr('fill', fill)
      .attr('fill-opacity', 0.8);
  } else {
    const canvas = doc.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      for (const i of order) {
        if (!Number.isFinite(av[i]) || !Number.isFinite(bv[i])) continue;
        ctx.fillStyle = fill(i);
        // Active rows are few among many: a larger mark keeps them visible.
        const h = active?.[i] ? 1.5 : 1;
        ctx.fillRect(x(av[i]) - h, y(bv[i]) - h, 2 * h, 2 * h);
      }
    }
    root.prepend(canvas);
    root.classList.add('lava-layered');
    svg.select('rect').attr('fill', 'none');
  }
  const axes = svg.append('g').attr('color', theme.foreground);
  axes
    .append('g')
    .attr('transform', `translate(0,${height - m.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 70))));
  axes
    .append('g')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(Math.max(2, Math.floor(height / 40))));
  axes
    .append('text')
    .attr('x', (m.left + width - m.right) / 2)
    .attr('y', height - 4)
    .attr('text-anchor', 'middle')
    .attr('fill', theme.foreground)
    .attr('font-size', 11)
    .text(props.a);
  axes
    .append('text')
    .attr('transform', `translate(11,${(m.top + height - m.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', theme.foreground)
    .attr('font-size', 11)
    .text(props.b);

  const key = doc.createElement('div');
  key.className = 'lava-pair-key';
  const onKey = doc.createElement('span');
  const sw1 = Object.assign(doc.createElement('span'), { className: 'lava-swatch' });
  sw1.style.background = on;
  onKey.append(sw1, doc.createTextNode(props.activeLabel));
  const off = doc.createElement('span');
  const sw2 = Object.assign(doc.createElement('span'), { className: 'lava-swatch' });
  sw2.style.background = theme.muted;
  off.append(sw2, doc.createTextNode('elsewhere'));
  key.append(onKey, off);
  root.append(key);
}
