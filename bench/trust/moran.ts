// Moran's I of a module's pixel map (the TypeScript form of shared/bench/moran.py): near 1 for contiguous parts, near 0 for salt-and-pepper.
import { pairWeight, type ScorablePair } from '../../fixtures/scorePlanted';

/** The map: |pattern weight| of every listed pair added to both of its pixels (names ending in R_C). */
export function pixelMap(pairs: ScorablePair[], side: number): Float64Array {
  const img = new Float64Array(side * side);
  for (const p of pairs)
    for (const name of [p.a, p.b]) {
      const m = /(\d+)_(\d+)$/.exec(name);
      if (!m) throw new Error(`moran: feature ${name} is not named like pixel_R_C`);
      img[Number(m[1]) * side + Number(m[2])] += Math.abs(pairWeight(p));
    }
  return img;
}

/** Moran's I with rook (4-neighbour) adjacency, as moran.py computes it (1e-12 guards a flat map). */
export function moransI(img: Float64Array, side: number): number {
  let mean = 0;
  for (const v of img) mean += v;
  mean /= img.length;
  let num = 0;
  let weights = 0;
  let ss = 0;
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      const x = img[i * side + j] - mean;
      ss += x * x;
      if (j + 1 < side) num += 2 * x * (img[i * side + j + 1] - mean);
      if (i + 1 < side) num += 2 * x * (img[(i + 1) * side + j] - mean);
    }
  weights = 2 * (side * (side - 1)) * 2;
  return (img.length / weights) * (num / (ss + 1e-12));
}
