// UMAP's starting layout: the rows' first two principal components, each scaled to [0, 10] as umap-learn
// scales its (spectral) start, plus a jitter of 1e-4 so that identical rows do not start on one point.
// Deterministic, and it keeps the data's large-scale arrangement, which a random start loses.
import type { Pool } from '../parallel/pool';
import { hashUniform } from '../parallel/hashRandom';
import type { Projected } from './knn';
import { fitPca, projectRows } from './pca';

const SIZE = 10;
const JITTER = 1e-4;
const INIT_STREAM = 41;
/** A start needs the two leading directions roughly (pca.ts). */
const INIT_TOLERANCE = 1e-6;

/** E x 2 starting coordinates from `pca` when the kNN search projected the rows, else from a 2-component PCA of x. */
export async function initialLayout(
  x: Float32Array,
  E: number,
  F: number,
  pca: Projected | null,
  pool: Pool,
  seed: number,
  signal?: AbortSignal,
): Promise<Float64Array> {
  let proj = pca;
  if (!proj) {
    const basis = await fitPca(x, E, F, Math.min(2, F), pool, signal, INIT_TOLERANCE);
    proj = { P: await projectRows(x, E, basis, pool, signal), m: basis.m };
  }
  const out = new Float64Array(E * 2);
  for (let d = 0; d < 2; d++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; d < proj.m && i < E; i++) {
      lo = Math.min(lo, proj.P[i * proj.m + d]);
      hi = Math.max(hi, proj.P[i * proj.m + d]);
    }
    for (let i = 0; i < E; i++) {
      const u = hashUniform(seed, INIT_STREAM, i, d);
      // a component that does not vary (or is missing, F = 1) starts uniform at random
      const v = hi > lo ? (SIZE * (proj.P[i * proj.m + d] - lo)) / (hi - lo) : SIZE * u;
      out[2 * i + d] = v + JITTER * (u - 0.5);
    }
  }
  return out;
}
