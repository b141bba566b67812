// Lasso and box selection on the map, for either renderer: a drag draws the shape over the surface, its release
// selects the rows inside (from the shared index); shift adds to the selection, alt takes away from it.
import type { ZoomTransform } from 'd3';
import type { SelectMode } from '../../store/state';
import { boxPolygon, type PointIndex } from './pointIndex';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Under this many pixels of travel a press is a click, not a drag. */
const CLICK_SLOP = 3;

export interface SelectDragOptions {
  tool(): 'lasso' | 'box' | 'pan';
  transform(): ZoomTransform;
  onSelect(rows: Int32Array, mode: SelectMode): void;
}

/** The shape's outline in surface pixels: the lasso's path as drawn, or the box between press and pointer. */
function outline(tool: 'lasso' | 'box', pts: number[]): number[] {
  if (tool === 'lasso') return pts;
  const n = pts.length;
  return boxPolygon(pts[0], pts[1], pts[n - 2], pts[n - 1]);
}

/** The rows inside a shape drawn at zoom `t` (the index holds unzoomed positions). */
export function rowsInShape(index: PointIndex, shape: number[], t: ZoomTransform): Int32Array {
  const unzoomed = shape.map((v, k) => (k % 2 === 0 ? t.invertX(v) : t.invertY(v)));
  return index.inPolygon(unzoomed);
}

export function modeOf(e: MouseEvent): SelectMode {
  return e.altKey ? 'remove' : e.shiftKey ? 'add' : 'replace';
}

/**
 * Attaches the drag to `surface`; the shape is drawn in `overlay` (an SVG over the surface). Returns a function that
 * tells whether the last mouseup ended a drag (the click that follows it is then not a click on a point).
 */
export function attachSelectDrag(
  surface: Element,
  overlay: SVGSVGElement,
  index: PointIndex,
  opts: SelectDragOptions,
): () => boolean {
  const doc = overlay.ownerDocument;
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('class', 'lava-select-shape');
  overlay.append(path);
  let dragged = false;

  const pos = (e: MouseEvent): [number, number] => {
    const b = surface.getBoundingClientRect();
    return [e.clientX - b.left, e.clientY - b.top];
  };
  surface.addEventListener('mousedown', (ev) => {
    const e = ev as MouseEvent;
    const tool = opts.tool();
    if (tool === 'pan' || e.button !== 0) return;
    e.preventDefault();
    (surface as HTMLElement).focus?.({ preventScroll: true });
    const mode = modeOf(e);
    const pts = pos(e);
    dragged = false;
    const draw = () => path.setAttribute('d', `M${outline(tool, pts).join(' ')}Z`);
    const move = (m: MouseEvent) => {
      const [x, y] = pos(m);
      if (!dragged && Math.hypot(x - pts[0], y - pts[1]) < CLICK_SLOP) return;
      dragged = true;
      pts.push(x, y);
      draw();
    };
    const up = (m: MouseEvent) => {
      win.removeEventListener('mousemove', move);
      win.removeEventListener('mouseup', up);
      path.removeAttribute('d');
      if (!dragged) return;
      pts.push(...pos(m));
      opts.onSelect(rowsInShape(index, outline(tool, pts), opts.transform()), mode);
    };
    const win = doc.defaultView!;
    win.addEventListener('mousemove', move);
    win.addEventListener('mouseup', up);
  });
  return () => {
    const was = dragged;
    dragged = false;
    return was;
  };
}
