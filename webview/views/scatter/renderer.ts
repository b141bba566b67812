// What the map's SVG and canvas renderers share: the element events land on, and a draw at a zoom.
import type { ZoomTransform } from 'd3';

export interface ScatterRenderer {
  /** The element pointer events and zoom attach to (its top-left is the scene's origin). */
  surface: Element;
  /** Draws the scene at this zoom (may defer to the next frame). */
  draw(transform: ZoomTransform): void;
}

/** A probe's diamond: larger for the selected one. */
export function probeSize(probe: number, selected: number | null): number {
  return probe === selected ? 6 : 4;
}
