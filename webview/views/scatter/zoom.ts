// Wheel and drag zoom on the map, kept across re-renders (new colouring, new selection) while the points are the same,
// and the same zoom driven by the keyboard and the reset button.
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';

const kept = new WeakMap<HTMLElement, { coords: ArrayLike<number>; transform: ZoomTransform }>();

export interface ZoomControl {
  transform(): ZoomTransform;
  reset(): void;
  /** Zooms by factor `k` around the surface point (x, y). */
  scaleBy(k: number, x: number, y: number): void;
  /** Pans by (dx, dy) screen pixels. */
  panBy(dx: number, dy: number): void;
}

export interface ZoomOptions {
  /** Whether a press-and-drag pans (false while the lasso or box tool draws instead). */
  dragPans(): boolean;
}

/**
 * Attaches zoom to `surface`; `onZoom` gets every new transform. `container` and `coords` key the kept transform:
 * a new result starts unzoomed. A double-click is left to the map (it resets on empty space).
 */
export function attachZoom(
  surface: Element,
  container: HTMLElement,
  coords: ArrayLike<number>,
  onZoom: (t: ZoomTransform) => void,
  options: ZoomOptions = { dragPans: () => true },
): ZoomControl {
  const previous = kept.get(container);
  let transform = previous && previous.coords === coords ? previous.transform : zoomIdentity;
  const zoomer: ZoomBehavior<Element, unknown> = zoom<Element, unknown>()
    .scaleExtent([0.5, 256])
    .filter((event: MouseEvent) => (event.type === 'wheel' || options.dragPans()) && !event.ctrlKey && !event.button)
    // d3's default reads the global navigator, which Node 20 (the tests) lacks.
    .touchable(function (this: Element) {
      return typeof navigator !== 'undefined' ? navigator.maxTouchPoints > 0 || 'ontouchstart' in this : false;
    })
    .on('zoom', (event: { transform: ZoomTransform }) => {
      transform = event.transform;
      kept.set(container, { coords, transform });
      onZoom(transform);
    });
  const sel = select(surface);
  sel.call(zoomer).on('dblclick.zoom', null);
  if (transform !== zoomIdentity) zoomer.transform(sel, transform);
  kept.set(container, { coords, transform });
  return {
    transform: () => transform,
    reset: () => zoomer.transform(sel, zoomIdentity),
    scaleBy: (k, x, y) => zoomer.scaleBy(sel, k, [x, y]),
    panBy: (dx, dy) => zoomer.translateBy(sel, dx / transform.k, dy / transform.k),
  };
}
