// Test data for the kNN and UMAP tests: Gaussian blobs in F dimensions, and a brute-force kNN to check against.
import { normalSource } from '../../../fixtures/planted';
import { seededUniform } from '../../../src/engine/random';

/** `blobs` Gaussian blobs (sd 1) with centres drawn in [-spread, spread]^F; row i is in blob i % blobs. */
export function gaussianBlobs(
  E: number,
  F: number,
  blobs: number,
  spread: number,
  seed = 3,
): { X: Float64Array; blob: Int32Array } {
  return blobsInSubspace(E, F, F, blobs, spread, 0, seed);
}

/**
 * Blobs as gaussianBlobs in `dims` dimensions, mapped into F columns by a random Gaussian matrix, plus noise of
 * sd `noise` in every column: most variance in a few directions, as in images or expression data.
 */
export function blobsInSubspace(
  E: number,
  F: number,
  dims: number,
  blobs: number,
  spread: number,
  noise: number,
  seed = 3,
): { X: Float64Array; blob: Int32Array } {
  const u = seededUniform(seed, 1);
  const normal = normalSource(u);
  const centres = Float64Array.from({ length: blobs * dims }, () => (2 * u() - 1) * spread);
  const map = dims === F ? null : Float64Array.from({ length: dims * F }, () => normal() / Math.sqrt(dims));
  const X = new Float64Array(E * F);
  const blob = new Int32Array(E);
  const z = new Float64Array(dims);
  for (let i = 0; i < E; i++) {
    blob[i] = i % blobs;
    for (let d = 0; d < dims; d++) z[d] = centres[blob[i] * dims + d] + normal();
    for (let f = 0; f < F; f++) {
      let v = map ? noise * normal() : z[f];
      for (let d = 0; map && d < dims; d++) v += z[d] * map[d * F + f];
      // Float32 precision: the engine searches a Float32 copy, and the reference should agree with it
      X[i * F + f] = Math.fround(v);
    }
  }
  return { X, blob };
}

/** Every row's k nearest others by brute force: [index, distance] ascending by (distance, index). */
export function bruteKnn(X: ArrayLike<number>, E: number, F: number, k: number): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i < E; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < E; j++) {
      if (j === i) continue;
      let s = 0;
      for (let f = 0; f < F; f++) s += (X[i * F + f] - X[j * F + f]) ** 2;
      all.push([j, s]);
    }
    all.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    out.push(all.slice(0, k).map(([j, s]) => [j, Math.sqrt(s)]));
  }
  return out;
}
