// Exact k-nearest neighbours in the embedding: a k-d tree (any dimension), all-points kNN, in-degree and mean distance.
// Ties are broken by the lower sample index everywhere, so results equal a brute-force sort by (distance, index).
import { checkpointEvery } from '../errors';

/** A balanced k-d tree over E points in d dimensions; nodes in preorder, leaves hold contiguous runs of `perm`. */
export interface KdTree {
  d: number;
  E: number;
  /** perm[t] = original index of the point at tree position t. */
  perm: Int32Array;
  /** E x d coordinates in tree order (a copy, so leaf scans read contiguous memory). */
  coords: Float64Array;
  nodeCount: number;
  /** Tree positions [lo, hi) covered by each node. */
  lo: Int32Array;
  hi: Int32Array;
  /** Children (node ids), -1 for a leaf. The left child of node v is always v + 1. */
  right: Int32Array;
  /** Tight bounding box per node, nodeCount x d. */
  bmin: Float64Array;
  bmax: Float64Array;
}

/** Result of a k-nearest query set: `count` rows of k, nearest first. */
export interface KnnResult {
  k: number;
  /** count x k original sample indices. */
  index: Int32Array;
  /** count x k Euclidean distances. */
  dist: Float64Array;
}

const DEFAULT_LEAF = 8;

export function buildKdTree(Z: Float64Array, E: number, d: number, leafSize = DEFAULT_LEAF): KdTree {
  if (Z.length < E * d) throw new RangeError(`buildKdTree: Z has ${Z.length} values, expected ${E * d}`);
  const perm = new Int32Array(E);
  for (let i = 0; i < E; i++) perm[i] = i;
  const maxNodes = Math.max(1, 2 * Math.ceil((2 * E) / Math.max(1, leafSize)) + 1);
  const lo = new Int32Array(maxNodes);
  const hi = new Int32Array(maxNodes);
  const right = new Int32Array(maxNodes);
  const bmin = new Float64Array(maxNodes * d);
  const bmax = new Float64Array(maxNodes * d);
  // Split keys of the current range along one dimension; selection permutes `perm` and `keys` together.
  const keys = new Float64Array(E);
  let nodeCount = 0;

  const build = (a: number, b: number): number => {
    const v = nodeCount++;
    lo[v] = a;
    hi[v] = b;
    for (let c = 0; c < d; c++) {
      bmin[v * d + c] = Infinity;
      bmax[v * d + c] = -Infinity;
    }
    for (let t = a; t < b; t++) {
      const base = perm[t] * d;
      for (let c = 0; c < d; c++) {
        const x = Z[base + c];
        if (x < bmin[v * d + c]) bmin[v * d + c] = x;
        if (x > bmax[v * d + c]) bmax[v * d + c] = x;
      }
    }
    let dim = 0;
    let widest = -1;
    for (let c = 0; c < d; c++) {
      const w = bmax[v * d + c] - bmin[v * d + c];
      if (w > widest) {
        widest = w;
        dim = c;
      }
    }
    if (b - a <= leafSize || widest <= 0) {
      right[v] = -1;
      return v;
    }
    for (let t = a; t < b; t++) keys[t] = Z[perm[t] * d + dim];
    const mid = (a + b) >>> 1;
    select(keys, perm, a, b - 1, mid);
    build(a, mid);
    right[v] = build(mid, b);
    return v;
  };
  if (E > 0) build(0, E);

  const coords = new Float64Array(E * d);
  for (let t = 0; t < E; t++) {
    const base = perm[t] * d;
    for (let c = 0; c < d; c++) coords[t * d + c] = Z[base + c];
  }
  return {
    d,
    E,
    perm,
    coords,
    nodeCount,
    lo: lo.subarray(0, nodeCount),
    hi: hi.subarray(0, nodeCount),
    right: right.subarray(0, nodeCount),
    bmin: bmin.subarray(0, nodeCount * d),
    bmax: bmax.subarray(0, nodeCount * d),
  };
}

/** Hoare-style quickselect: afterwards keys[a..m) <= keys[m] <= keys(m..b]; perm moves with keys. */
function select(keys: Float64Array, perm: Int32Array, a: number, b: number, m: number): void {
  while (b > a) {
    // Median of three keeps sorted or constant runs from going quadratic.
    const c = (a + b) >>> 1;
    if (keys[c] < keys[a]) swap(keys, perm, c, a);
    if (keys[b] < keys[a]) swap(keys, perm, b, a);
    if (keys[b] < keys[c]) swap(keys, perm, b, c);
    const pivot = keys[c];
    let i = a;
    let j = b;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) {
        swap(keys, perm, i, j);
        i++;
        j--;
      }
    }
    if (m <= j) b = j;
    else if (m >= i) a = i;
    else return;
  }
}

function swap(keys: Float64Array, perm: Int32Array, i: number, j: number): void {
  const k = keys[i];
  keys[i] = keys[j];
  keys[j] = k;
  const p = perm[i];
  perm[i] = perm[j];
  perm[j] = p;
}

/**
 * A reusable k-nearest search over one tree: a bounded max-heap keyed by (squared distance, index)
 * and an explicit node stack, so a query allocates nothing.
 */
export class KnnSearcher {
  private readonly heapD: Float64Array;
  private readonly heapI: Int32Array;
  private size = 0;
  private readonly stack: Int32Array;

  constructor(
    private readonly tree: KdTree,
    private readonly k: number,
  ) {
    this.heapD = new Float64Array(k);
    this.heapI = new Int32Array(k);
    this.stack = new Int32Array(Math.max(64, 2 * tree.nodeCount));
  }

  /**
   * Writes the k nearest original indices (and distances) of point q[qOff..qOff+d) into out at outOff,
   * nearest first, skipping original index `exclude` (-1 for none). `bound2`, when given, must be at least the
   * squared k-th distance: points beyond it are never looked at (a search that still finds fewer than k reruns
   * without it). Returns the squared k-th distance.
   */
  query(
    q: Float64Array,
    qOff: number,
    exclude: number,
    outI: Int32Array,
    outD: Float64Array,
    outOff: number,
    bound2 = Infinity,
  ): number {
    const { d, coords, perm, lo, hi, right, bmin, bmax } = this.tree;
    const k = this.k;
    const heapD = this.heapD;
    const heapI = this.heapI;
    const stack = this.stack;
    this.size = 0;
    let worst = bound2;
    let sp = 0;
    if (this.tree.nodeCount > 0) stack[sp++] = 0;
    while (sp > 0) {
      const v = stack[--sp];
      // Prune only when strictly farther: an equally far point with a lower index may still enter.
      if (boxDist2(q, qOff, bmin, bmax, v * d, d) > worst) continue;
      const r = right[v];
      if (r < 0) {
        const qx = q[qOff];
        const qy = d > 1 ? q[qOff + 1] : 0;
        for (let t = lo[v], e = hi[v]; t < e; t++) {
          const id = perm[t];
          if (id === exclude) continue;
          let s: number;
          const pb = t * d;
          if (d === 2) {
            // The common case (a 2-D map) without the inner loop.
            const gx = coords[pb] - qx;
            const gy = coords[pb + 1] - qy;
            s = gx * gx + gy * gy;
          } else {
            s = 0;
            for (let c = 0; c < d; c++) {
              const g = coords[pb + c] - q[qOff + c];
              s += g * g;
            }
          }
          if (s > worst) continue;
          if (this.size < k) {
            this.push(s, id);
            if (this.size === k) worst = Math.min(worst, heapD[0]);
          } else if (s < heapD[0] || (s === heapD[0] && id < heapI[0])) {
            this.replaceTop(s, id);
            worst = heapD[0];
          }
        }
        continue;
      }
      // Visit the child whose box is nearer first (pushed last).
      const l = v + 1;
      const dl = boxDist2(q, qOff, bmin, bmax, l * d, d);
      const dr = boxDist2(q, qOff, bmin, bmax, r * d, d);
      if (dl <= dr) {
        stack[sp++] = r;
        stack[sp++] = l;
      } else {
        stack[sp++] = l;
        stack[sp++] = r;
      }
    }
    if (this.size < k && bound2 !== Infinity && this.size < this.tree.E - (exclude >= 0 ? 1 : 0))
      return this.query(q, qOff, exclude, outI, outD, outOff);
    const kth = this.size === k ? heapD[0] : Infinity;
    this.drainInto(outI, outD, outOff);
    return kth;
  }

  /** Empties the max-heap into a row of k, from the back so that it ends up nearest first; -1 pads a short row. */
  private drainInto(outI: Int32Array, outD: Float64Array, outOff: number): void {
    const { heapD, heapI, k } = this;
    const n = this.size;
    for (let j = n - 1; j >= 0; j--) {
      outI[outOff + j] = heapI[0];
      outD[outOff + j] = Math.sqrt(heapD[0]);
      this.popTop();
    }
    for (let j = n; j < k; j++) {
      outI[outOff + j] = -1;
      outD[outOff + j] = Infinity;
    }
  }

  private push(s: number, id: number): void {
    const heapD = this.heapD;
    const heapI = this.heapI;
    let j = this.size++;
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (heapD[p] > s || (heapD[p] === s && heapI[p] > id)) break;
      heapD[j] = heapD[p];
      heapI[j] = heapI[p];
      j = p;
    }
    heapD[j] = s;
    heapI[j] = id;
  }

  private replaceTop(s: number, id: number): void {
    this.siftDown(0, s, id);
  }

  private popTop(): void {
    const n = --this.size;
    if (n > 0) this.siftDown(0, this.heapD[n], this.heapI[n]);
  }

  private siftDown(start: number, s: number, id: number): void {
    const heapD = this.heapD;
    const heapI = this.heapI;
    const n = this.size;
    let j = start;
    while (true) {
      let c = 2 * j + 1;
      if (c >= n) break;
      const c2 = c + 1;
      if (c2 < n && (heapD[c2] > heapD[c] || (heapD[c2] === heapD[c] && heapI[c2] > heapI[c]))) c = c2;
      if (heapD[c] < s || (heapD[c] === s && heapI[c] < id)) break;
      heapD[j] = heapD[c];
      heapI[j] = heapI[c];
      j = c;
    }
    heapD[j] = s;
    heapI[j] = id;
  }
}

/** Squared distance from point q to the box [bmin, bmax] of node nb (0 inside); shared with k-means pruning. */
export function boxDist2(
  q: Float64Array,
  qOff: number,
  bmin: Float64Array,
  bmax: Float64Array,
  nb: number,
  d: number,
): number {
  let bd = 0;
  for (let c = 0; c < d; c++) {
    const x = q[qOff + c];
    const mn = bmin[nb + c];
    const mx = bmax[nb + c];
    const g = x < mn ? mn - x : x > mx ? x - mx : 0;
    bd += g * g;
  }
  return bd;
}

/** Exact kNN of every sample among the others (self excluded), nearest first, ties by lower index. */
export function knn(Z: Float64Array, E: number, d: number, k: number, tree?: KdTree): KnnResult {
  const all = new AllPointsKnn(Z, E, d, k, tree);
  all.run(0, E);
  return all.result;
}

/** Queries between two looks at the clock in knnCancellable: cheap to count, small to run. */
const SLICE = 32;
/** Work between yields to the event loop: a cancel is seen within about this long. */
const YIELD_MS = 50;

/** knn, yielding to the event loop (and checking `signal`) about every 50 ms; the same answer as knn. */
export async function knnCancellable(
  Z: Float64Array,
  E: number,
  d: number,
  k: number,
  tree: KdTree,
  signal?: AbortSignal,
): Promise<KnnResult> {
  const all = new AllPointsKnn(Z, E, d, k, tree);
  const pause = checkpointEvery(signal, YIELD_MS);
  for (let pos = 0; pos < E; pos += SLICE) {
    all.run(pos, Math.min(E, pos + SLICE));
    await pause();
  }
  return all.result;
}

/**
 * Every sample's kNN, in slices of tree positions so a caller may yield between them. Queries go in tree
 * order: consecutive queries touch the same nodes, which keeps them in cache, and are close, so the previous
 * k-th distance plus the step between them bounds this one (triangle inequality): the search starts pruning at
 * once. The small margin covers rounding.
 */
export class AllPointsKnn {
  private readonly t: KdTree;
  private readonly searcher: KnnSearcher;
  private readonly index: Int32Array;
  private readonly dist: Float64Array;
  private prevKth = Infinity;

  constructor(
    Z: Float64Array,
    E: number,
    d: number,
    private readonly k: number,
    tree?: KdTree,
    /** Where the answers go (E x k each; a pool part fills its rows of shared arrays); default new arrays. */
    out?: { index: Int32Array; dist: Float64Array },
  ) {
    if (k > E - 1) throw new RangeError(`knn: k = ${k} needs at least ${k + 1} samples, got ${E}`);
    this.t = tree ?? buildKdTree(Z, E, d);
    this.index = out?.index ?? new Int32Array(E * k);
    this.dist = out?.dist ?? new Float64Array(E * k);
    this.searcher = new KnnSearcher(this.t, k);
  }

  /** Queries the samples at tree positions [from, to); slices must come in order (a new searcher may start anywhere). */
  run(from: number, to: number): void {
    const { t, k } = this;
    const d = t.d;
    for (let pos = from; pos < to; pos++) {
      const i = t.perm[pos];
      let bound2 = Infinity;
      if (pos > 0 && this.prevKth < Infinity) {
        let step = 0;
        for (let c = 0; c < d; c++) {
          const g = t.coords[pos * d + c] - t.coords[(pos - 1) * d + c];
          step += g * g;
        }
        const b = Math.sqrt(this.prevKth) + Math.sqrt(step);
        bound2 = b * b * (1 + 1e-9) + 1e-300;
      }
      this.prevKth = this.searcher.query(t.coords, pos * d, i, this.index, this.dist, i * k, bound2);
    }
  }

  get result(): KnnResult {
    return { k: this.k, index: this.index, dist: this.dist };
  }
}

/** The k samples nearest to each of m probe points (m x d, row-major), nearest first, ties by lower index. */
export function nearestToPoints(
  Z: Float64Array,
  E: number,
  d: number,
  points: Float64Array,
  m: number,
  k: number,
  tree?: KdTree,
): KnnResult {
  if (k > E) throw new RangeError(`nearestToPoints: k = ${k} exceeds the ${E} samples`);
  const t = tree ?? buildKdTree(Z, E, d);
  const index = new Int32Array(m * k);
  const dist = new Float64Array(m * k);
  const searcher = new KnnSearcher(t, k);
  for (let p = 0; p < m; p++) searcher.query(points, p * d, -1, index, dist, p * k);
  return { k, index, dist };
}

/** In-degree c_i (how many samples list i among their k nearest) and mean neighbour distance d̄_i. */
export function neighbourStats(nn: KnnResult, E: number): { inDegree: Int32Array; meanDist: Float64Array } {
  const { k, index, dist } = nn;
  const inDegree = new Int32Array(E);
  const meanDist = new Float64Array(E);
  for (let i = 0; i < E; i++) {
    let s = 0;
    for (let j = i * k, e = j + k; j < e; j++) {
      inDegree[index[j]]++;
      s += dist[j];
    }
    meanDist[i] = s / k;
  }
  return { inDegree, meanDist };
}
