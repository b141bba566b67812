// One sample's pixel values as an RGBA image on its grid: ink from the background to the foreground, dropped
// pixels left as background, the same value range for every thumbnail so they compare.
import { color } from 'd3';
import type { ImageGrid } from './imageGrid';

/** The finite range of all values (min, max); [0, 1] when there is none. */
export function valueRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * RGBA bytes (rows x cols x 4) of one sample: `values` holds the sample's kept features in result order; the
 * grid says where each goes. Low values are the background, high the ink.
 */
export function sampleImage(
  grid: ImageGrid,
  values: ArrayLike<number>,
  range: [number, number],
  background: string,
  ink: string,
): Uint8ClampedArray {
  const bg = color(background)!.rgb();
  const fg = color(ink)!.rgb();
  const out = new Uint8ClampedArray(grid.rows * grid.cols * 4);
  for (let p = 0; p < grid.rows * grid.cols; p++) out.set([bg.r, bg.g, bg.b, 255], p * 4);
  const span = range[1] - range[0] || 1;
  for (let f = 0; f < grid.cellOf.length; f++) {
    const v = values[f];
    if (!Number.isFinite(v)) continue;
    const t = Math.max(0, Math.min(1, (v - range[0]) / span));
    const p = grid.cellOf[f] * 4;
    out[p] = bg.r + (fg.r - bg.r) * t;
    out[p + 1] = bg.g + (fg.g - bg.g) * t;
    out[p + 2] = bg.b + (fg.b - bg.b) * t;
  }
  return out;
}
