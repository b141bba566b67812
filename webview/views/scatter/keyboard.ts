// The map by keyboard: Tab focuses it, arrows move to the nearest point that way (the tooltip follows), Enter picks
// that point's locality, shift+arrows pan, + and - zoom, 0 resets, Escape clears the selection.
import type { ZoomTransform } from 'd3';
import type { PointIndex } from './pointIndex';
import type { ZoomControl } from './zoom';

const SVG_NS = 'http://www.w3.org/2000/svg';

export const KEYBOARD_HELP =
  'Arrows move between points, Enter picks its locality, Shift+arrows pan, + and - zoom, 0 resets, Escape clears the selection';

const DIRECTIONS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export interface KeyboardOptions {
  index: PointIndex;
  sx: Float32Array;
  sy: Float32Array;
  width: number;
  height: number;
  zoom: ZoomControl;
  /** The point focused before a re-render, to focus again. */
  initial: number | null;
  onFocusRow(row: number | null): void;
  onPick(row: number): void;
  onEscape(): void;
  showTip(row: number, x: number, y: number): void;
  hideTip(): void;
}

export interface MapKeyboard {
  focused(): number | null;
  /** Redraws the focus ring where the focused point now is (after a zoom). */
  follow(t: ZoomTransform): void;
}

/** Pans so that (x, y), in surface pixels, is inside the map with a margin. */
function keepInView(zoom: ZoomControl, x: number, y: number, width: number, height: number): void {
  const m = 24;
  const dx = x < m ? m - x : x > width - m ? width - m - x : 0;
  const dy = y < m ? m - y : y > height - m ? height - m - y : 0;
  if (dx || dy) zoom.panBy(dx, dy);
}

export function attachKeyboard(surface: Element, overlay: SVGSVGElement, o: KeyboardOptions): MapKeyboard {
  // A path, not a circle: the map's points are its only circles (tests and the E2E count them).
  const ring = overlay.ownerDocument.createElementNS(SVG_NS, 'path');
  ring.setAttribute('class', 'lava-focus-ring');
  ring.setAttribute('d', 'M-7,0a7,7 0 1,0 14,0a7,7 0 1,0 -14,0');
  overlay.append(ring);
  let row: number | null = o.initial;

  const place = (t: ZoomTransform) => {
    if (row === null) return ring.setAttribute('visibility', 'hidden');
    const x = t.applyX(o.sx[row]);
    const y = t.applyY(o.sy[row]);
    ring.setAttribute('visibility', 'visible');
    ring.setAttribute('transform', `translate(${Math.round(x * 100) / 100},${Math.round(y * 100) / 100})`);
    o.showTip(row, x, y);
  };
  const focusRow = (next: number | null) => {
    row = next;
    o.onFocusRow(row);
    if (row !== null) keepInView(o.zoom, o.zoom.transform().applyX(o.sx[row]), o.zoom.transform().applyY(o.sy[row]), o.width, o.height);
    place(o.zoom.transform());
  };
  const move = (dx: number, dy: number) => {
    const t = o.zoom.transform();
    if (row === null) return focusRow(o.index.nearestAny(t.invertX(o.width / 2), t.invertY(o.height / 2)));
    const next = o.index.nextInDirection(row, dx, dy);
    if (next !== null) focusRow(next);
  };
  const center = (): [number, number] => {
    const t = o.zoom.transform();
    return row !== null ? [t.applyX(o.sx[row]), t.applyY(o.sy[row])] : [o.width / 2, o.height / 2];
  };
  const keys: Record<string, (e: KeyboardEvent) => void> = {
    '+': () => o.zoom.scaleBy(1.5, ...center()),
    '=': () => o.zoom.scaleBy(1.5, ...center()),
    '-': () => o.zoom.scaleBy(1 / 1.5, ...center()),
    '0': () => o.zoom.reset(),
    Enter: () => row !== null && o.onPick(row),
    Escape: () => o.onEscape(),
  };
  surface.addEventListener('keydown', (ev) => {
    const e = ev as KeyboardEvent;
    const dir = DIRECTIONS[e.key];
    if (dir && e.shiftKey) o.zoom.panBy(-dir[0] * 40, -dir[1] * 40);
    else if (dir) move(...dir);
    else if (keys[e.key]) keys[e.key](e);
    else return;
    e.preventDefault();
  });
  surface.addEventListener('blur', () => {
    ring.setAttribute('visibility', 'hidden');
    o.hideTip();
  });
  surface.addEventListener('focus', () => place(o.zoom.transform()));
  ring.setAttribute('visibility', 'hidden');
  return { focused: () => row, follow: (t) => surface.ownerDocument.activeElement === surface && place(t) };
}
