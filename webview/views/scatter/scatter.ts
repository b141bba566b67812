// The embedding map: every row as a point, SVG when few (testable, crisp) and canvas when many, with zoom, hover and click.
import { quadtree, select, zoom, zoomIdentity, type Quadtree, type ZoomTransform } from 'd3';
import { color } from 'd3';
import { mix, type Theme } from '../../util/colors';
import type { PointColoring } from '../../util/pointColors';

export const SVG_MAX_POINTS = 3000;

export interface TooltipContent {
  title: string;
  lines: string[];
}

export interface ScatterClick {
  /** The row under the pointer, if any. */
  row: number | null;
  /** The probe under the pointer, if probes are shown and one is there. */
  probe: number | null;
}

export interface ScatterProps {
  /** E x dims, row-major; the first two dimensions are drawn. */
  coords: ArrayLike<number>;
  dims: number;
  count: number;
  coloring: PointColoring;
  theme: Theme;
  width: number;
  height: number;
  /** l x dims probe positions, drawn when given. */
  probes?: ArrayLike<number> | null;
  selectedProbe?: number | null;
  /** Draw (and hit-test) only the selected probe: the rest are hidden while "Probes" is off. */
  onlySelectedProbe?: boolean;
  /** Rows to emphasise (a locality's members); others are faded. */
  highlight?: Uint8Array | null;
  mode?: 'auto' | 'svg' | 'canvas';
  tooltip?: (row: number) => TooltipContent;
  onClick?: (hit: ScatterClick) => void;
  label?: string;
}

/** Zoom survives re-renders (new colouring, new selection) as long as the points are the same. */
const kept = new WeakMap<HTMLElement, { coords: ArrayLike<number>; transform: ZoomTransform }>();

const round = (v: number) => Math.round(v * 100) / 100;

/** Screen positions (before zoom) that keep the embedding's aspect ratio: distances mean the same on both axes. */
export function layoutPoints(
  coords: ArrayLike<number>,
  dims: number,
  count: number,
  width: number,
  height: number,
  pad = 12,
): { sx: Float32Array; sy: Float32Array; toScreen: (x: number, y: number) => [number, number] } {
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = coords[i * dims];
    const y = coords[i * dims + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0)) [x0, x1, y0, y1] = [0, 1, 0, 1];
  const k = Math.min((width - 2 * pad) / (x1 - x0 || 1), (height - 2 * pad) / (y1 - y0 || 1));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Screen y grows downwards; embeddings are read with y up.
  const toScreen = (x: number, y: number): [number, number] => [
    round(width / 2 + (x - cx) * k),
    round(height / 2 - (y - cy) * k),
  ];
  const sx = new Float32Array(count);
  const sy = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const [a, b] = toScreen(coords[i * dims], coords[i * dims + 1]);
    sx[i] = a;
    sy[i] = b;
  }
  return { sx, sy, toScreen };
}

/** RGBA bytes of a colour as one little-endian Uint32 (the byte order of ImageData on every browser host). */
function packColor(c: string): number {
  const rgb = color(c)?.rgb() ?? { r: 0, g: 0, b: 0 };
  return ((255 << 24) | (Math.round(rgb.b) << 16) | (Math.round(rgb.g) << 8) | Math.round(rgb.r)) >>> 0;
}

/** Pixel offsets (dx, dy pairs) of a filled disc of radius rr. */
function discOffsets(rr: number): Int32Array {
  const out: number[] = [];
  for (let dy = -rr; dy <= rr; dy++)
    for (let dx = -rr; dx <= rr; dx++) if (dx * dx + dy * dy <= rr * rr + rr * 0.5) out.push(dx, dy);
  return Int32Array.from(out);
}

/** Rows ordered by palette index (counting sort): higher activity is drawn last, on top, and a canvas fills one path per colour. */
function drawOrder(index: Uint16Array, paletteSize: number): Uint32Array {
  const start = new Uint32Array(paletteSize + 1);
  for (let i = 0; i < index.length; i++) start[index[i] + 1]++;
  for (let c = 0; c < paletteSize; c++) start[c + 1] += start[c];
  const order = new Uint32Array(index.length);
  for (let i = 0; i < index.length; i++) order[start[index[i]]++] = i;
  return order;
}

export function renderScatter(container: HTMLElement, props: ScatterProps): void {
  const { count, dims, coords, coloring, theme, width, height } = props;
  const mode =
    props.mode === 'svg' || props.mode === 'canvas' ? props.mode : count < SVG_MAX_POINTS ? 'svg' : 'canvas';
  const doc = container.ownerDocument;
  const previous = kept.get(container);
  let transform = previous && previous.coords === coords ? previous.transform : zoomIdentity;
  container.replaceChildren();

  const root = doc.createElement('div');
  root.className = 'lava-scatter';
  root.dataset.testid = 'scatter';
  root.dataset.pointCount = String(count);
  root.dataset.mode = mode;
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', props.label ?? `Embedding map of ${count} rows`);
  container.append(root);

  const { sx, sy, toScreen } = layoutPoints(coords, dims, count, width, height);
  const order = drawOrder(coloring.index, coloring.palette.length);
  const highlight = props.highlight ?? null;
  const allProbes = props.probes ? Math.floor(props.probes.length / dims) : 0;
  const selProbe = props.selectedProbe ?? null;
  // Probe ids drawn; px/py are indexed by probe id so ids stay the result's locality numbers.
  const shownProbes: number[] = props.onlySelectedProbe
    ? selProbe !== null && selProbe < allProbes
      ? [selProbe]
      : []
    : Array.from({ length: allProbes }, (_, p) => p);
  const px = new Float32Array(allProbes);
  const py = new Float32Array(allProbes);
  for (const p of shownProbes)
    [px[p], py[p]] = toScreen(props.probes![p * dims], props.probes![p * dims + 1]);
  const r = count > 20000 ? 1.6 : count > 1000 ? 2.5 : 3.5;

  let redraw: () => void;
  let surface: Element;
  if (mode === 'svg') {
    const svg = select(root)
      .append('svg')
      .attr('xmlns', 'http://www.w3.org/2000/svg')
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`);
    svg
      .append('rect')
      .attr('class', 'bg')
      .attr('width', width)
      .attr('height', height)
      .attr('fill', theme.background);
    const gPoints = svg.append('g').attr('class', 'points');
    const circles = gPoints
      .selectAll('circle')
      .data(order)
      .join('circle')
      .attr('r', r)
      .attr('fill', (i) => coloring.palette[coloring.index[i]])
      .attr('data-row', (i) => i)
      .attr('cx', (i) => round(sx[i]))
      .attr('cy', (i) => round(sy[i]));
    // Zooming moves the group, not each circle (one attribute per frame instead of two per point);
    // CSS keeps the radius constant on screen (r: calc(var(--r) / var(--k)) in styles.css).
    gPoints.style('--r', `${r}px`);
    if (highlight) {
      circles
        .attr('opacity', (i) => (highlight[i] ? 1 : 0.3))
        .filter((i) => highlight[i] === 1)
        .attr('stroke', theme.foreground)
        .attr('stroke-width', 1)
        .attr('vector-effect', 'non-scaling-stroke')
        .raise();
    }
    const gProbes = svg.append('g').attr('class', 'probes');
    const probes = gProbes
      .selectAll('path')
      .data(shownProbes)
      .join('path')
      .attr('d', (p) => (p === props.selectedProbe ? 'M-6,0L0,-6L6,0L0,6Z' : 'M-4,0L0,-4L4,0L0,4Z'))
      .attr('fill', (p) => (p === props.selectedProbe ? theme.focusBorder : theme.foreground))
      .attr('stroke', theme.background)
      .attr('data-probe', (p) => p);
    redraw = () => {
      const { k, x, y } = transform;
      gPoints.attr('transform', `translate(${round(x)},${round(y)}) scale(${k})`).attr('data-k', k);
      gPoints.style('--k', String(k));
      probes.attr(
        'transform',
        (p) => `translate(${round(transform.applyX(px[p]))},${round(transform.applyY(py[p]))})`,
      );
    };
    surface = svg.node()!;
  } else {
    const canvas = doc.createElement('canvas');
    const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    root.append(canvas);
    const ctx = canvas.getContext('2d');
    let pending = false;
    // Points are stamped straight into a pixel buffer: 100,000 discs cost a few ms where as many canvas arcs
    // cost a frame budget many times over (software rendering in particular).
    const W = canvas.width;
    const H = canvas.height;
    const img = ctx ? ctx.createImageData(W, H) : null;
    const buf = img ? new Uint32Array(img.data.buffer) : new Uint32Array(0);
    const bgPacked = packColor(theme.background);
    const full = Uint32Array.from(coloring.palette, packColor);
    const faded = Uint32Array.from(coloring.palette, (c) => packColor(mix(theme.background, c, 0.3)));
    const disc = discOffsets(Math.max(1, Math.round(r * dpr)));
    const stamp = (x: number, y: number, c: number) => {
      const cx = Math.round(x * dpr);
      const cy = Math.round(y * dpr);
      for (let d = 0; d < disc.length; d += 2) {
        const px = cx + disc[d];
        const py = cy + disc[d + 1];
        if (px >= 0 && py >= 0 && px < W && py < H) buf[py * W + px] = c;
      }
    };
    const paint = () => {
      pending = false;
      if (!ctx || !img) return;
      const { k, x: tx, y: ty } = transform;
      buf.fill(bgPacked);
      const colors = highlight ? faded : full;
      for (let o = 0; o < order.length; o++) {
        const i = order[o];
        if (highlight && highlight[i]) continue;
        stamp(sx[i] * k + tx, sy[i] * k + ty, colors[coloring.index[i]]);
      }
      if (highlight) {
        for (let i = 0; i < count; i++)
          if (highlight[i]) stamp(sx[i] * k + tx, sy[i] * k + ty, full[coloring.index[i]]);
      }
      ctx.putImageData(img, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (highlight) {
        ctx.strokeStyle = theme.foreground;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let i = 0; i < count; i++) {
          if (!highlight[i]) continue;
          const x = sx[i] * k + tx;
          const y = sy[i] * k + ty;
          ctx.moveTo(x + r + 1, y);
          ctx.arc(x, y, r + 1, 0, 2 * Math.PI);
        }
        ctx.stroke();
      }
      for (const p of shownProbes) {
        const s = p === props.selectedProbe ? 6 : 4;
        const x = px[p] * k + tx;
        const y = py[p] * k + ty;
        ctx.beginPath();
        ctx.moveTo(x - s, y);
        ctx.lineTo(x, y - s);
        ctx.lineTo(x + s, y);
        ctx.lineTo(x, y + s);
        ctx.closePath();
        ctx.fillStyle = p === props.selectedProbe ? theme.focusBorder : theme.foreground;
        ctx.strokeStyle = theme.background;
        ctx.fill();
        ctx.stroke();
      }
    };
    redraw = () => {
      // Zoom events come faster than frames; paint once per frame.
      if (pending) return;
      pending = true;
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(paint);
      else paint();
    };
    surface = canvas;
  }

  const tree: Quadtree<number> = quadtree<number>()
    .x((i) => sx[i])
    .y((i) => sy[i])
    .addAll(Array.from(order));
  const hit = (mx: number, my: number): ScatterClick => {
    const bx = transform.invertX(mx);
    const by = transform.invertY(my);
    const radius = 8 / transform.k;
    let probe: number | null = null;
    let best = radius * radius;
    for (const p of shownProbes) {
      const d = (px[p] - bx) ** 2 + (py[p] - by) ** 2;
      if (d <= best) {
        best = d;
        probe = p;
      }
    }
    const row = tree.find(bx, by, radius);
    return { row: row ?? null, probe };
  };

  const tooltip = doc.createElement('div');
  tooltip.className = 'lava-tooltip';
  tooltip.hidden = true;
  root.append(tooltip);
  const showTooltip = (mx: number, my: number) => {
    const { row } = hit(mx, my);
    if (row === null || !props.tooltip) {
      tooltip.hidden = true;
      return;
    }
    const content = props.tooltip(row);
    const title = doc.createElement('strong');
    title.textContent = content.title;
    tooltip.replaceChildren(
      title,
      ...content.lines.map((l) => Object.assign(doc.createElement('div'), { textContent: l })),
    );
    tooltip.hidden = false;
    // Flip to the other side near the right and bottom edges so the tip stays inside the map.
    tooltip.style.left = `${mx + 12 + 220 > width ? Math.max(0, mx - 232) : mx + 12}px`;
    tooltip.style.top = `${my + 12 + 100 > height ? Math.max(0, my - 100) : my + 12}px`;
  };

  const sel = select(surface);
  const zoomer = zoom<Element, unknown>()
    .scaleExtent([0.5, 64])
    // d3's default reads the global navigator, which Node 20 (the tests) lacks.
    .touchable(function (this: Element) {
      return typeof navigator !== 'undefined'
        ? navigator.maxTouchPoints > 0 || 'ontouchstart' in this
        : false;
    })
    .on('zoom', (event: { transform: ZoomTransform }) => {
      transform = event.transform;
      kept.set(container, { coords, transform });
      tooltip.hidden = true;
      redraw();
    });
  sel.call(zoomer);
  if (transform !== zoomIdentity) zoomer.transform(sel, transform);
  kept.set(container, { coords, transform });
  const pos = (e: MouseEvent): [number, number] => {
    const b = (surface as HTMLElement).getBoundingClientRect();
    return [e.clientX - b.left, e.clientY - b.top];
  };
  surface.addEventListener('mousemove', (e) => showTooltip(...pos(e as MouseEvent)));
  surface.addEventListener('mouseleave', () => (tooltip.hidden = true));
  surface.addEventListener('click', (e) => {
    const h = hit(...pos(e as MouseEvent));
    if (h.row !== null || h.probe !== null) props.onClick?.(h);
  });
  redraw();
}
