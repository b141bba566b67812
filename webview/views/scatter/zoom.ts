// Wheel and drag zoom on the map, kept across re-renders (new colouring, new selection) while the points are the same.
import { select, zoom, zoomIdentity, type ZoomTransform } from 'd3';

const kept = new WeakMap<HTMLElement, { coords: ArrayLike<number>; transform: ZoomTransform }>();

/**
 * Attaches zoom to `surface`; `onZoom` gets every new transform. Returns the current transform's getter.
 * `container` and `coords` key the kept transform: a new result starts unzoomed.
 */
export function attachZoom(
  surface: Element,
  container: HTMLElement,
  coords: ArrayLike<number>,
  onZoom: (t: ZoomTransform) => void,
): () => ZoomTransform {
  const previous = kept.get(container);
  let transform = previous && previous.coords === coords ? previous.transform : zoomIdentity;
  const zoomer = zoom<Element, unknown>()
    .scaleExtent([0.5, 64])
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
  sel.call(zoomer);
  if (transform !== zoomIdentity) zoomer.transform(sel, transform);
  kept.set(container, { coords, transform });
  return () => transform;
}
