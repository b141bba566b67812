// The heatmap's pointer and keyboard: hover names a cell, click or Enter opens its pair, arrows move a cursor.
import { cellWeight, round, type HeatmapGeometry } from './geometry';

export interface InteractionProps {
  svg: SVGSVGElement;
  cursor: SVGRectElement;
  status: HTMLElement;
  g: HeatmapGeometry;
  pattern: Float32Array;
  features: readonly string[];
  /** A cell's value in words (the heatmap's scale). */
  describe: (v: number) => string;
  selectedPair?: readonly [number, number] | null;
  onCellClick?: (i: number, j: number) => void;
}

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

export function attachInteraction(p: InteractionProps): void {
  const { svg, cursor, status, g, features } = p;
  const describe = (i: number, j: number): string => {
    if (i === j) return features[i];
    return `${features[Math.min(i, j)]} ~ ${features[Math.max(i, j)]}: ${p.describe(cellWeight(p.pattern, g.F, i, j))}`;
  };
  let cur: [number, number] = p.selectedPair ? [p.selectedPair[0], p.selectedPair[1]] : [0, Math.min(1, g.F - 1)];
  const moveCursor = (i: number, j: number) => {
    cur = [i, j];
    cursor.setAttribute('x', String(round(j * g.cell)));
    cursor.setAttribute('y', String(round(i * g.cell)));
    cursor.setAttribute('visibility', 'visible');
    status.textContent = describe(i, j);
  };
  if (p.selectedPair) moveCursor(p.selectedPair[0], p.selectedPair[1]);
  const cellAt = (e: MouseEvent): [number, number] | null => {
    const b = svg.getBoundingClientRect();
    // The SVG may be drawn smaller than its size (max-width: 100%): scale client pixels back.
    const scale = b.width ? g.width / b.width : 1;
    const i = Math.floor(((e.clientY - b.top) * scale - g.margin) / g.cell);
    const j = Math.floor(((e.clientX - b.left) * scale - g.margin) / g.cell);
    return i >= 0 && j >= 0 && i < g.F && j < g.F ? [i, j] : null;
  };
  svg.addEventListener('mousemove', (e) => {
    const c = cellAt(e);
    status.textContent = c ? describe(c[0], c[1]) : '';
  });
  svg.addEventListener('click', (e) => {
    const c = cellAt(e);
    if (c && c[0] !== c[1]) {
      moveCursor(c[0], c[1]);
      p.onCellClick?.(c[0], c[1]);
    }
  });
  svg.addEventListener('focus', () => moveCursor(cur[0], cur[1]));
  svg.addEventListener('keydown', (e) => {
    const [i, j] = cur;
    const m = MOVES[e.key];
    const clamp = (v: number) => Math.max(0, Math.min(g.F - 1, v));
    if (m) {
      e.preventDefault();
      moveCursor(clamp(i + m[0]), clamp(j + m[1]));
    } else if ((e.key === 'Enter' || e.key === ' ') && i !== j) {
      e.preventDefault();
      p.onCellClick?.(i, j);
    }
  });
}
