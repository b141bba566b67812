// The pair view: two features' values for every row, rows where the module (or locality) is active in colour.
import { extent, scaleLinear, select, type ScaleLinear } from 'd3';
import type { Theme } from '../../util/colors';
import { SVG_MAX_POINTS } from '../scatter/scatter';
import type { Bins } from '../../util/pairStats';
import { densityLayer } from './pairDensity';
import { pairAxes, pairKey, type Margins } from './pairFrame';

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
  /** Points as they are, jittered (discrete values; av/bv already spread), or binned counts. */
  plot?: 'points' | 'jitter' | 'density';
  /** Bins for the density plot, counted over the unjittered values. */
  bins?: Bins;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** What both point renderers draw: finite rows only, inactive first so the coloured ones are never hidden. */
interface PointPlan {
  order: number[];
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  fill: (i: number) => string;
}

function planPoints(props: PairViewProps, n: number, m: Margins): PointPlan {
  const { av, bv, active, theme, width, height } = props;
  const finite = (v: ArrayLike<number>) => Array.from({ length: n }, (_, i) => v[i]).filter(Number.isFinite);
  // The density's bins reach half a step past discrete values: the axes must show them whole.
  const b = props.plot === 'density' ? props.bins : undefined;
  const [x0, x1] = b ? [b.xEdges[0], b.xEdges[b.xEdges.length - 1]] : (extent(finite(av)) as [number, number]);
  const [y0, y1] = b ? [b.yEdges[0], b.yEdges[b.yEdges.length - 1]] : (extent(finite(bv)) as [number, number]);
  const x = scaleLinear().domain([x0 ?? 0, x1 ?? 1]).nice().range([m.left, width - m.right]);
  const y = scaleLinear().domain([y0 ?? 0, y1 ?? 1]).nice().range([height - m.bottom, m.top]);
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => Number.isFinite(av[i]) && Number.isFinite(bv[i]))
    .sort((i, j) => (active?.[i] ?? 0) - (active?.[j] ?? 0));
  const on = props.activeColor ?? theme.orange;
  return { order, x, y, fill: (i) => (active?.[i] ? on : theme.muted) };
}

function canvasPoints(doc: Document, props: PairViewProps, plan: PointPlan): HTMLCanvasElement {
  const canvas = doc.createElement('canvas');
  canvas.width = props.width;
  canvas.height = props.height;
  const ctx = canvas.getContext('2d');
  for (const i of ctx ? plan.order : []) {
    ctx!.fillStyle = plan.fill(i);
    // Active rows are few among many: a larger mark keeps them visible.
    const h = props.active?.[i] ? 1.5 : 1;
    ctx!.fillRect(plan.x(props.av[i]) - h, plan.y(props.bv[i]) - h, 2 * h, 2 * h);
  }
  return canvas;
}

export function renderPairView(container: HTMLElement, props: PairViewProps): void {
  const { theme, width, height } = props;
  const n = Math.min(props.av.length, props.bv.length);
  const mode = props.mode === 'svg' || props.mode === 'canvas' ? props.mode : n < SVG_MAX_POINTS ? 'svg' : 'canvas';
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = doc.createElement('div');
  root.className = 'lava-pair-view';
  root.dataset.testid = 'pair-view';
  root.dataset.pair = `${props.a}|${props.b}`;
  root.dataset.pointCount = String(n);
  root.dataset.mode = mode;
  root.dataset.plot = props.plot ?? 'points';
  container.append(root);

  const m: Margins = { left: 44, right: 8, top: 8, bottom: 34 };
  const plan = planPoints(props, n, m);
  const svg = select(root)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('font-family', theme.fontFamily);
  // Over a canvas the SVG keeps only axes and labels; its background is the canvas's.
  const bg = svg.append('rect').attr('width', width).attr('height', height).attr('fill', theme.background);
  if (props.plot === 'density' && props.bins) {
    svg.append(() => densityLayer(doc, props.bins!, plan.x, plan.y, theme, props.activeColor ?? theme.orange));
  } else if (mode === 'svg') {
    svg
      .append('g')
      .attr('class', 'points')
      .selectAll('circle')
      .data(plan.order)
      .join('circle')
      .attr('cx', (i) => round(plan.x(props.av[i])))
      .attr('cy', (i) => round(plan.y(props.bv[i])))
      .attr('r', 2.5)
      .attr('fill', plan.fill)
      .attr('fill-opacity', 0.8);
  } else {
    root.prepend(canvasPoints(doc, props, plan));
    root.classList.add('lava-layered');
    bg.attr('fill', 'none');
  }
  pairAxes(svg, plan.x, plan.y, m, props);
  root.append(pairKey(doc, props.activeColor ?? theme.orange, props.activeLabel, theme));
}
