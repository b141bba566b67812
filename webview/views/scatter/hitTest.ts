// What is under the pointer on the map, for either renderer: the nearest probe within reach, and the nearest row
// (from the scene's spatial index, so a hover over a million points costs a tree walk, not a scan).
import type { ZoomTransform } from 'd3';
import type { ScatterScene } from './geometry';

export interface ScatterClick {
  /** The row under the pointer, if any. */
  row: number | null;
  /** The probe under the pointer, if probes are shown and one is there. */
  probe: number | null;
}

/** Reach in screen pixels, whatever the zoom. */
export const REACH = 8;

export function hitTester(scene: ScatterScene): (mx: number, my: number, t: ZoomTransform) => ScatterClick {
  const { px, py } = scene;
  return (mx, my, t) => {
    const bx = t.invertX(mx);
    const by = t.invertY(my);
    const radius = REACH / t.k;
    let probe: number | null = null;
    let best = radius * radius;
    for (const p of scene.shownProbes) {
      const d = (px[p] - bx) ** 2 + (py[p] - by) ** 2;
      if (d <= best) {
        best = d;
        probe = p;
      }
    }
    return { row: scene.index.nearest(bx, by, radius), probe };
  };
}
