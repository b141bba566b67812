// One epoch of UMAP's layout (umap-learn's optimize_layout_euclidean) as a pool kernel over vertex ranges.
// Each vertex moves only itself, once per sample of each of its own edges, and reads every other vertex from
// the epoch's snapshot. So an epoch's result depends on nothing but the snapshot, the vertex's own state and
// its own random stream: the same bytes on any number of threads and any partition.
// umap-learn also moves the other end of each sampled edge (move_other), so with both copies of an edge in the
// symmetric graph a vertex is pulled twice per sample. Pulling twice here keeps fewer neighbours (15-NN
// preservation on Fashion-MNIST 10k at 200 epochs: 0.280 against 0.300 once; digits at 500: 0.53 against 0.54;
// scratch runs of bench/kernels/umapLayout.bench.ts), so each vertex is pulled once.
// d^2b, the costliest term (exp and log were 70% of an epoch), is read from a table by distance with linear
// interpolation between 1 and 64 (relative error below 2e-4; 1.8x faster epochs, the same preservation), and
// computed exactly below 1, where an attraction's size depends on it most, and beyond 64.
import { z } from 'zod';
import { kernel, partRange } from '../parallel/kernel';
import { shared } from '../parallel/shared';
import { hash32 } from '../parallel/hashRandom';

const CLIP = 4;

export const layoutArgs = z.object({
  /** Current coordinates, n x 2: each part writes its own vertices. */
  Y: shared.f64,
  /** The coordinates at the start of the epoch, read for every other vertex. */
  prev: shared.f64,
  ptr: shared.i32,
  col: shared.i32,
  epochsPerSample: shared.f64,
  nextSample: shared.f64,
  nextNegative: shared.f64,
  n: z.number().int().positive(),
  epoch: z.number().int().nonnegative(),
  alpha: z.number(),
  a: z.number(),
  b: z.number(),
  gamma: z.number(),
  negativeRate: z.number().positive(),
  seed: z.number().int(),
});

/** The table of d^2b: entry i is (i / SCALE)^2b, for distances d from 1 to T_MAX. */
const SCALE = 32;
const T_MAX = 64;
let table = new Float64Array(0);
let tableB = NaN;

/** The table for this b (a run's epochs all share one b, so it is made once per thread and run). */
function powTable(b: number): Float64Array {
  if (b !== tableB) {
    table = new Float64Array(T_MAX * SCALE + 2);
    for (let i = 1; i < table.length; i++) table[i] = Math.exp(2 * b * Math.log(i / SCALE));
    tableB = b;
  }
  return table;
}

/** d2^b: interpolated in the table where 1 <= d2 < T_MAX^2, else exact. */
function powB(d2: number, b: number, tab: Float64Array): number {
  if (d2 >= 1 && d2 < T_MAX * T_MAX) {
    const t = Math.sqrt(d2) * SCALE;
    const i = t | 0;
    return tab[i] + (t - i) * (tab[i + 1] - tab[i]);
  }
  return Math.exp(b * Math.log(d2));
}

const clip = (v: number) => (v > CLIP ? CLIP : v < -CLIP ? -CLIP : v);

export const umapEpoch = kernel(layoutArgs, (s, part, parts) => {
  const { Y, prev, ptr, col, epochsPerSample: eps, nextSample, nextNegative, n, epoch, alpha, a, b } = s;
  const [lo, hi] = partRange(n, part, parts);
  const rep = 2 * s.gamma * b;
  const tab = powTable(b);
  for (let i = lo; i < hi; i++) {
    let yx = Y[2 * i];
    let yy = Y[2 * i + 1];
    let rng = hash32(s.seed, epoch, i) || 1;
    for (let e = ptr[i]; e < ptr[i + 1]; e++) {
      if (nextSample[e] > epoch) continue;
      const j = col[e];
      let dx = yx - prev[2 * j];
      let dy = yy - prev[2 * j + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const pb = powB(d2, b, tab);
        const g = (-2 * a * b * (pb / d2)) / (a * pb + 1);
        yx += clip(g * dx) * alpha;
        yy += clip(g * dy) * alpha;
      }
      nextSample[e] += eps[e];
      const epn = eps[e] / s.negativeRate;
      const negatives = Math.floor((epoch - nextNegative[e]) / epn);
      for (let p = 0; p < negatives; p++) {
        rng ^= rng << 13;
        rng ^= rng >>> 17;
        rng ^= rng << 5;
        const k = Math.floor(((rng >>> 0) / 4294967296) * n);
        if (k === i) continue;
        dx = yx - prev[2 * k];
        dy = yy - prev[2 * k + 1];
        d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          const g = rep / ((0.001 + d2) * (a * powB(d2, b, tab) + 1));
          yx += clip(g * dx) * alpha;
          yy += clip(g * dy) * alpha;
        } else {
          yx += CLIP * alpha;
          yy += CLIP * alpha;
        }
      }
      nextNegative[e] += negatives * epn;
    }
    Y[2 * i] = yx;
    Y[2 * i + 1] = yy;
  }
  return 0;
});
