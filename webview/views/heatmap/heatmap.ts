// The F x F signed pattern of a module (or a locality's own correlations) as a clickable heatmap, SVG up to 80 features.
import { color, type RGBColor } from 'd3';
import { divergingColor, type Theme } from '../../util/colors';
import { maxAbs } from '../../util/pattern';
import { pairCount } from '../../../src/shared/result/pairs';

export const SVG_MAX_FEATURES = 80;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface HeatmapProps {
  /** P = F(F-1)/2 upper-triangle weights, row-major pairs (0,1),(0,2)...(1,2)... */
  pattern: Float32Array;
  features: readonly string[];
  theme: Theme;
  /** Width and height of the whole view in px. */
  size: number;
  moduleId?: number | null;
  localityId?: number | null;
  selectedPair?: readonly [number, number] | null;
  onCellClick?: (i: number, j: number) => void;
  mode?: 'auto' | 'svg' | 'canvas';
}

const round = (v: number) => Math.round(v * 100) / 100;

function formatWeight(v: number): string {
  return (v > 0 ? '+' : '') + v.toFixed(3);
}

/** Every k-th label, so labels never overlap (about 11 px of text height each). */
export function labelStep(cell: number): number {
  return Math.max(1, Math.ceil(11 / cell));
}

function svgEl<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  name: K,
  attrs: Record<string, string | number>,
) {
  const el = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export function renderHeatmap(container: HTMLElement, props: HeatmapProps): void {
  const { pattern, features, theme, size } = props;
  const F = features.length;
  if (pattern.length !== pairCount(F)) {
    throw new Error(`heatmap: pattern has ${pattern.length} weights; ${F} features need ${pairCount(F)}`);
  }
  const mode =
    props.mode === 'svg' || props.mode === 'canvas' ? props.mode : F > SVG_MAX_FEATURES ? 'canvas' : 'svg';
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = doc.createElement('div');
  root.className = 'lava-heatmap';
  root.dataset.testid = 'heatmap';
  if (props.localityId !== null && props.localityId !== undefined)
    root.dataset.localityId = String(props.localityId);
  else if (props.moduleId !== null && props.moduleId !== undefined)
    root.dataset.moduleId = String(props.moduleId);
  root.dataset.featureCount = String(F);
  root.dataset.mode = mode;
  container.append(root);

  const max = maxAbs(pattern);
  const colorOf = divergingColor(theme, max);
  const longest = features.reduce((m, f) => Math.max(m, f.length), 0);
  const margin = Math.min(90, 8 + longest * 6);
  const keyHeight = 28;
  const cell = Math.max(0.25, (size - margin - keyHeight) / Math.max(F, 1));
  const matrix = round(cell * F);
  const step = labelStep(cell);
  const width = round(margin + matrix + 4);
  const height = round(margin + matrix + keyHeight);

  const svg = svgEl(doc, 'svg', {
    xmlns: SVG_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    tabindex: 0,
  });
  svg.setAttribute('role', 'grid');
  svg.setAttribute(
    'aria-label',
    `Signed pattern over ${F} features; arrow keys move, Enter opens the pair view`,
  );
  svg.append(svgEl(doc, 'rect', { width, height, fill: theme.background }));
  const fontSize = Math.min(11, Math.max(7, cell * 0.8));
  const labels = svgEl(doc, 'g', {
    class: 'labels',
    fill: theme.foreground,
    'font-size': round(fontSize),
    'font-family': theme.fontFamily,
  });
  for (let f = 0; f < F; f += step) {
    const c = round(margin + (f + 0.5) * cell);
    const row = svgEl(doc, 'text', {
      x: margin - 4,
      y: c,
      'text-anchor': 'end',
      'dominant-baseline': 'middle',
    });
    row.textContent = features[f];
    const col = svgEl(doc, 'text', {
      transform: `translate(${c},${margin - 4}) rotate(-90)`,
      'dominant-baseline': 'middle',
    });
    col.textContent = features[f];
    labels.append(row, col);
  }
  svg.append(labels);

  const cells = svgEl(doc, 'g', {
    class: 'cells',
    transform: `translate(${margin},${margin})`,
    'shape-rendering': 'crispEdges',
  });
  if (mode === 'svg') {
    let q = 0;
    for (let i = 0; i < F; i++) {
      for (let j = i + 1; j < F; j++, q++) {
        const v = pattern[q];
        if (v === 0) continue;
        const fill = colorOf(v);
        // Both triangles: the matrix reads the same from either feature's row.
        for (const [r, c] of [
          [i, j],
          [j, i],
        ]) {
          cells.append(
            svgEl(doc, 'rect', {
              x: round(c * cell),
              y: round(r * cell),
              width: round(cell),
              height: round(cell),
              fill,
              'data-i': r,
              'data-j': c,
            }),
          );
        }
      }
    }
  }
  cells.append(
    svgEl(doc, 'rect', {
      width: matrix,
      height: matrix,
      fill: 'none',
      stroke: theme.foreground,
      'stroke-opacity': 0.3,
    }),
  );
  const cursor = svgEl(doc, 'rect', {
    class: 'cursor',
    width: round(cell),
    height: round(cell),
    fill: 'none',
    stroke: theme.focusBorder,
    'stroke-width': 2,
    visibility: 'hidden',
  });
  cells.append(cursor);
  svg.append(cells);

  // Colour key under the matrix: -max .. 0 .. +max.
  const key = svgEl(doc, 'g', {
    class: 'key',
    transform: `translate(${margin},${round(margin + matrix + 8)})`,
    'font-size': 9,
    'font-family': theme.fontFamily,
    fill: theme.foreground,
  });
  const kw = Math.min(160, Math.max(80, matrix));
  for (let k = 0; k < 21; k++) {
    const v = ((k - 10) / 10) * max;
    key.append(
      svgEl(doc, 'rect', {
        x: round((k * kw) / 21),
        width: round(kw / 21 + 0.5),
        height: 8,
        fill: colorOf(v),
      }),
    );
  }
  key.append(
    svgEl(doc, 'rect', {
      width: round(kw),
      height: 8,
      fill: 'none',
      stroke: theme.foreground,
      'stroke-opacity': 0.3,
    }),
  );
  const lo = svgEl(doc, 'text', { x: 0, y: 18 });
  lo.textContent = formatWeight(-max);
  const hi = svgEl(doc, 'text', { x: round(kw), y: 18, 'text-anchor': 'end' });
  hi.textContent = formatWeight(max);
  key.append(lo, hi);
  svg.append(key);

  if (mode === 'canvas') {
    // Many features: one pixel per cell in an offscreen image, scaled up without smoothing.
    const wrap = doc.createElement('div');
    wrap.className = 'lava-heatmap-stack';
    const canvas = doc.createElement('canvas');
    const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    const off = doc.createElement('canvas');
    off.width = F;
    off.height = F;
    const octx = off.getContext('2d');
    if (ctx && octx) {
      const img = octx.createImageData(F, F);
      const bg = color(theme.background)!.rgb();
      // colorOf has ~130 levels: parse each once, not once per cell (F = 784 has 306,936 pairs).
      const rgbOf = new Map<string, RGBColor>();
      for (let p = 0; p < F * F; p++) {
        img.data[p * 4] = bg.r;
        img.data[p * 4 + 1] = bg.g;
        img.data[p * 4 + 2] = bg.b;
        img.data[p * 4 + 3] = 255;
      }
      let q = 0;
      for (let i = 0; i < F; i++) {
        for (let j = i + 1; j < F; j++, q++) {
          if (pattern[q] === 0) continue;
          const hex = colorOf(pattern[q]);
          let c = rgbOf.get(hex);
          if (!c) rgbOf.set(hex, (c = color(hex)!.rgb()));
          for (const p of [i * F + j, j * F + i]) {
            img.data[p * 4] = c.r;
            img.data[p * 4 + 1] = c.g;
            img.data[p * 4 + 2] = c.b;
          }
        }
      }
      octx.putImageData(img, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(off, margin, margin, matrix, matrix);
      if (cell * dpr < 2) {
        // Cells under two device pixels would let a sparse pattern vanish: redraw every non-zero cell as a
        // 2 px mark, weakest first so the strongest stay on top.
        const nz: number[] = [];
        for (let k = 0; k < pattern.length; k++) if (pattern[k] !== 0) nz.push(k);
        nz.sort((a, b) => Math.abs(pattern[a]) - Math.abs(pattern[b]));
        const rowOf = new Int32Array(pattern.length);
        const colOf = new Int32Array(pattern.length);
        let k = 0;
        for (let i = 0; i < F; i++) for (let j = i + 1; j < F; j++, k++) [rowOf[k], colOf[k]] = [i, j];
        const mark = 2 / dpr;
        for (const k2 of nz) {
          ctx.fillStyle = colorOf(pattern[k2]);
          const a = rowOf[k2];
          const b = colOf[k2];
          ctx.fillRect(margin + b * cell, margin + a * cell, mark, mark);
          ctx.fillRect(margin + a * cell, margin + b * cell, mark, mark);
        }
      }
    }
    // The SVG on top keeps labels, key and cursor crisp and shared with the SVG mode.
    svg.querySelector('rect')!.setAttribute('fill', 'none');
    wrap.append(canvas, svg);
    root.append(wrap);
  } else {
    root.append(svg);
  }

  const status = doc.createElement('div');
  status.className = 'lava-heatmap-status';
  status.setAttribute('aria-live', 'polite');
  root.append(status);

  const describe = (i: number, j: number): string => {
    if (i === j) return features[i];
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    const v = pattern[a * F - (a * (a + 1)) / 2 + (b - a - 1)];
    return `${features[a]} ~ ${features[b]}: ${formatWeight(v)}`;
  };
  let cur: [number, number] = props.selectedPair
    ? [props.selectedPair[0], props.selectedPair[1]]
    : [0, Math.min(1, F - 1)];
  const moveCursor = (i: number, j: number, visible: boolean) => {
    cur = [i, j];
    cursor.setAttribute('x', String(round(j * cell)));
    cursor.setAttribute('y', String(round(i * cell)));
    cursor.setAttribute('visibility', visible ? 'visible' : 'hidden');
    status.textContent = describe(i, j);
  };
  if (props.selectedPair) moveCursor(props.selectedPair[0], props.selectedPair[1], true);
  const cellAt = (e: MouseEvent): [number, number] | null => {
    const b = svg.getBoundingClientRect();
    const sx = b.width ? width / b.width : 1;
    const x = (e.clientX - b.left) * sx - margin;
    const y = (e.clientY - b.top) * sx - margin;
    const i = Math.floor(y / cell);
    const j = Math.floor(x / cell);
    return i >= 0 && j >= 0 && i < F && j < F ? [i, j] : null;
  };
  svg.addEventListener('mousemove', (e) => {
    const c = cellAt(e);
    status.textContent = c ? describe(c[0], c[1]) : '';
  });
  svg.addEventListener('click', (e) => {
    const c = cellAt(e);
    if (c && c[0] !== c[1]) {
      moveCursor(c[0], c[1], true);
      props.onCellClick?.(c[0], c[1]);
    }
  });
  svg.addEventListener('focus', () => moveCursor(cur[0], cur[1], true));
  svg.addEventListener('keydown', (e) => {
    const [i, j] = cur;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [i - 1, j],
      ArrowDown: [i + 1, j],
      ArrowLeft: [i, j - 1],
      ArrowRight: [i, j + 1],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      moveCursor(Math.max(0, Math.min(F - 1, m[0])), Math.max(0, Math.min(F - 1, m[1])), true);
    } else if ((e.key === 'Enter' || e.key === ' ') && i !== j) {
      e.preventDefault();
      props.onCellClick?.(i, j);
    }
  });
}
