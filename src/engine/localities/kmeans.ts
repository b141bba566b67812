// Weighted k-means (k-means++ seeding, Lloyd iterations) over a k-d tree of the points, for the locality probes.
// DIRECT calls this ~40 times, so neither phase is O(E·k): seeding keeps per-node sums of w·D² in the tree, so a
// draw and an update touch only the nodes near the new centre; Lloyd re-assigns each point among its previous
// centroid's nearest centroids, with an exact fallback (bench/kernels/kmeans.bench.ts: faster than filtering).
import { boxDist2, buildKdTree, knn, KnnSearcher, type KdTree } from './neighbours';

/** How many nearby centroids a point checks before it needs an exact search (see LabelledLloyd). */
const NEIGHBOUR_CENTROIDS = 8;

export interface KmeansOptions {
  /** Lloyd iteration cap (the reference uses 50). */
  maxIter?: number;
  /** A tree already built over the same points (saves rebuilding it on every call). */
  tree?: KdTree;
}

export interface KmeansResult {
  /** k x d centroids, row-major. */
  centroids: Float64Array;
  /** Lloyd iterations run (an iteration that found the centroids still counts). */
  iterations: number;
}

/**
 * Weighted k-means of the E x d points Z with weights w (>= 0, not all 0), k clusters.
 * Stops when no centroid coordinate moves by more than 1e-8 + 1e-5·|old| (numpy's allclose, as the
 * reference does) or after maxIter iterations. A cluster that loses all its weight keeps its centroid.
 * `random` feeds the seeding only, so a fresh stream from the same seed gives the same centroids.
 */
export function weightedKmeans(
  Z: Float64Array,
  E: number,
  d: number,
  w: Float64Array,
  k: number,
  random: () => number,
  opts: KmeansOptions = {},
): KmeansResult {
  if (k < 1 || k > E) throw new RangeError(`weightedKmeans: k = ${k} must be in [1, ${E}]`);
  const tree = opts.tree ?? buildKdTree(Z, E, d);
  const maxIter = opts.maxIter ?? 50;
  // Weights in tree order, so leaf scans read memory in sequence.
  const wt = new Float64Array(E);
  for (let t = 0; t < E; t++) wt[t] = w[tree.perm[t]];
  const seeded = seedPlusPlus(tree, wt, k, random);
  let centroids = seeded.C;
  const lloyd = new LabelledLloyd(tree, wt, k, seeded.label);
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    const next = lloyd.step(centroids);
    let moved = false;
    for (let j = 0; j < next.length && !moved; j++) {
      moved = Math.abs(next[j] - centroids[j]) > 1e-8 + 1e-5 * Math.abs(centroids[j]);
    }
    if (!moved) break;
    centroids = next;
  }
  return { centroids, iterations };
}

/** k-means++: first centre drawn by weight, each next one by w·D² (D = distance to the nearest centre so far). */
function seedPlusPlus(
  tree: KdTree,
  wt: Float64Array,
  k: number,
  random: () => number,
): { C: Float64Array; label: Int32Array } {
  const { d, E, coords, lo, hi, right, bmin, bmax, nodeCount } = tree;
  const C = new Float64Array(k * d);
  // First centre by weight alone, scanning in original index order so the draw does not depend on the tree.
  const inv = new Int32Array(E);
  for (let t = 0; t < E; t++) inv[tree.perm[t]] = t;
  let total = 0;
  for (let i = 0; i < E; i++) total += wt[inv[i]];
  const first = drawByWeight(inv, wt, total, random());
  for (let c = 0; c < d; c++) C[c] = coords[first * d + c];

  const D2 = new Float64Array(E);
  for (let t = 0; t < E; t++) D2[t] = dist2(coords, t * d, C, 0, d);
  // The nearest centre of every point falls out of the D² updates: Lloyd's first step starts from it.
  const label = new Int32Array(E);
  // S[v] = sum of w·D² over the node's points; M[v] = the largest D² there (no nearer centre can lower a node below it).
  const S = new Float64Array(nodeCount);
  const M = new Float64Array(nodeCount);
  for (let v = nodeCount - 1; v >= 0; v--) {
    const r = right[v];
    if (r < 0) leafSums(v);
    else {
      S[v] = S[v + 1] + S[r];
      M[v] = Math.max(M[v + 1], M[r]);
    }
  }

  function leafSums(v: number): void {
    let s = 0;
    let m = 0;
    for (let t = lo[v]; t < hi[v]; t++) {
      s += wt[t] * D2[t];
      if (D2[t] > m) m = D2[t];
    }
    S[v] = s;
    M[v] = m;
  }

  function update(v: number, cOff: number): void {
    if (boxDist2(C, cOff, bmin, bmax, v * d, d) >= M[v]) return;
    const r = right[v];
    if (r < 0) {
      for (let t = lo[v]; t < hi[v]; t++) {
        const s = dist2(coords, t * d, C, cOff, d);
        if (s < D2[t]) {
          D2[t] = s;
          label[t] = cOff / d;
        }
      }
      leafSums(v);
      return;
    }
    update(v + 1, cOff);
    update(r, cOff);
    S[v] = S[v + 1] + S[r];
    M[v] = Math.max(M[v + 1], M[r]);
  }

  for (let j = 1; j < k; j++) {
    const u = random();
    let t: number;
    if (S[0] > 0 && Number.isFinite(S[0])) t = drawFromSums(tree, S, wt, D2, u * S[0]);
    // Every point already sits on a centre (fewer distinct points than k): repeat a point, by weight.
    else t = drawByWeight(inv, wt, total, u);
    for (let c = 0; c < d; c++) C[j * d + c] = coords[t * d + c];
    update(0, j * d);
  }
  return { C, label };
}

/** Tree position of the sample where the running weight (original index order) passes u·total. */
function drawByWeight(inv: Int32Array, wt: Float64Array, total: number, u: number): number {
  const target = u * total;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < inv.length; i++) {
    const t = inv[i];
    if (wt[t] <= 0) continue;
    last = t;
    acc += wt[t];
    if (acc > target) return t;
  }
  // Rounding can leave target at the very end; all-zero weights fall back to the first sample.
  return last >= 0 ? last : inv[0];
}

/** Walk down the tree by the per-node sums to the point holding mass position `r`. */
function drawFromSums(tree: KdTree, S: Float64Array, wt: Float64Array, D2: Float64Array, r: number): number {
  const { lo, hi, right } = tree;
  let v = 0;
  while (right[v] >= 0) {
    const l = v + 1;
    const rr = right[v];
    // Never step into a subtree with no mass, whatever rounding did to r.
    if (S[rr] <= 0 || (S[l] > 0 && r < S[l])) v = l;
    else {
      r -= S[l];
      v = rr;
    }
  }
  let last = -1;
  for (let t = lo[v]; t < hi[v]; t++) {
    const m = wt[t] * D2[t];
    if (m <= 0) continue;
    last = t;
    if (r < m) return t;
    r -= m;
  }
  return last >= 0 ? last : lo[v];
}

/**
 * One Lloyd step per call, assignment by label. A point's new centroid is searched among its previous centroid a
 * and a's K nearest centroids; that is exact when the best found is nearer than R_a - d(x, a), R_a being a lower
 * bound on the distance from a to every centroid off its list. Points failing the test (few) get an exact 1-NN
 * query in a k-d tree over the centroids. Hamerly-style bounds skip a point outright while its distance to a (an
 * upper bound carried over the steps) is below half the distance from a to its nearest other centroid, or below
 * both a lower bound on its distance to a's listed centroids (lowered each step by the most any of them moved)
 * and R_a minus that upper bound (which covers the centroids off the list).
 * The neighbour lists are rebuilt only when centroids have moved far; in between, R_a and that nearest distance
 * are lowered by how far a and the farthest-moved centroid went. Ties go to the lower centroid index.
 */
class LabelledLloyd {
  private readonly sumW: Float64Array;
  private readonly sumWX: Float64Array;
  private readonly K: number;
  /** Upper bound on each point's distance to its centroid (tree order); Infinity = unknown. */
  private readonly upper: Float64Array;
  /** Lower bound on each point's distance to the other centroids on its centroid's list; 0 = unknown. */
  private readonly lower: Float64Array;
  private prevC: Float64Array | null = null;
  /** Centroids when the lists were built, the lists, R_a and the nearest-other distance then. */
  private listC: Float64Array | null = null;
  private nbr: Int32Array = new Int32Array(0);
  private readonly Rbase: Float64Array;
  private readonly mBase: Float64Array;
  private meanM = 0;

  constructor(
    private readonly tree: KdTree,
    private readonly wt: Float64Array,
    private readonly k: number,
    /** Centroid of each point, in tree order. */
    private readonly label: Int32Array,
  ) {
    this.sumW = new Float64Array(k);
    this.sumWX = new Float64Array(k * tree.d);
    this.K = Math.min(k - 1, NEIGHBOUR_CENTROIDS);
    this.upper = new Float64Array(tree.E).fill(Infinity);
    this.lower = new Float64Array(tree.E);
    this.Rbase = new Float64Array(k);
    this.mBase = new Float64Array(k);
  }

  private rebuildLists(C: Float64Array): void {
    const { k, K } = this;
    const d = this.tree.d;
    this.listC = C;
    // The per-point bounds refer to the lists: new lists, no bounds.
    this.lower.fill(0);
    this.Rbase.fill(Infinity);
    this.mBase.fill(Infinity);
    this.meanM = 0;
    if (K === 0) return;
    const cn = knn(C, k, d, K, buildKdTree(C, k, d));
    this.nbr = cn.index;
    for (let j = 0; j < k; j++) {
      if (K < k - 1) this.Rbase[j] = cn.dist[j * K + K - 1];
      this.mBase[j] = cn.dist[j * K];
      this.meanM += cn.dist[j * K] / k;
    }
  }

  /** One Lloyd step from centroids C: every point labelled with its nearest centroid; returns the new centroids. */
  step(C: Float64Array): Float64Array {
    const { R, half } = this.boundsFor(C);
    this.assignAndSum(C, R, half);
    const { k, sumW, sumWX } = this;
    const d = this.tree.d;
    const next = new Float64Array(C.length);
    for (let j = 0; j < k; j++) {
      const sw = sumW[j];
      for (let c = 0; c < d; c++) next[j * d + c] = sw > 0 ? sumWX[j * d + c] / sw : C[j * d + c];
    }
    return next;
  }

  /**
   * Brings the lists and per-point bounds up to C (rebuilding the lists when centroids moved far) and returns,
   * per centroid a, R_a (a lower bound on its distance to every centroid off its list) and half the distance
   * to its nearest other centroid, both lowered by how far the centroids moved since the lists were built.
   */
  private boundsFor(C: Float64Array): { R: Float64Array; half: Float64Array } {
    const { k, K, label, upper, lower } = this;
    const { d, E } = this.tree;
    // How far each centroid moved since the lists were built, and since the last step.
    const disp = new Float64Array(k);
    let dispMax = 0;
    if (this.listC !== null) {
      for (let j = 0; j < k; j++) {
        disp[j] = Math.sqrt(dist2(C, j * d, this.listC, j * d, d));
        if (disp[j] > dispMax) dispMax = disp[j];
      }
    }
    if (this.listC === null || dispMax > 0.25 * this.meanM) {
      this.rebuildLists(C);
      disp.fill(0);
      dispMax = 0;
    }
    if (this.prevC !== null) {
      const prev = this.prevC;
      const drift = new Float64Array(k);
      for (let j = 0; j < k; j++) drift[j] = Math.sqrt(dist2(C, j * d, prev, j * d, d));
      // A bound on the list's centroids drops by the most any of them moved.
      const listDrift = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        let m = 0;
        for (let q = j * K; q < j * K + K; q++) if (drift[this.nbr[q]] > m) m = drift[this.nbr[q]];
        listDrift[j] = m;
      }
      for (let t = 0; t < E; t++) {
        upper[t] += drift[label[t]];
        lower[t] -= listDrift[label[t]];
      }
    }
    this.prevC = C;
    const R = new Float64Array(k);
    const half = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      R[j] = this.Rbase[j] - disp[j] - dispMax;
      half[j] = 0.5 * (this.mBase[j] - disp[j] - dispMax);
    }
    return { R, half };
  }

  /**
   * The pass over the points, in tree order: each point keeps its label when the bounds prove it, else searches
   * its centroid's list, else makes an exact 1-NN query; then adds to its centroid's weighted sums.
   */
  private assignAndSum(C: Float64Array, R: Float64Array, half: Float64Array): void {
    const { d, E, coords } = this.tree;
    const { k, K, wt, label, sumW, sumWX, upper, lower } = this;
    const nbr = this.nbr;
    let one: KnnSearcher | null = null;
    const oneI = new Int32Array(2);
    const oneD = new Float64Array(2);
    sumW.fill(0);
    sumWX.fill(0);
    for (let t = 0; t < E; t++) {
      const a = label[t];
      let best = a;
      // The (1 + 1e-12) margins absorb sqrt rounding: a tie exactly at a bound takes the exact path.
      // Skip when a is provably nearest: by Hamerly's half-gap, or by the list bound and R_a - u for the rest.
      if (!(upper[t] * (1 + 1e-12) < Math.max(half[a], Math.min(lower[t], R[a] - upper[t]) * (1 - 1e-12)))) {
        const da2 = dist2(coords, t * d, C, a * d, d);
        const da = Math.sqrt(da2);
        upper[t] = da;
        if (!(da * (1 + 1e-12) < Math.max(half[a], Math.min(lower[t], R[a] - da) * (1 - 1e-12)))) {
          let bs = da2;
          let second = Infinity;
          const x0 = coords[t * d];
          const x1 = d > 1 ? coords[t * d + 1] : 0;
          for (let q = a * K, e = q + K; q < e; q++) {
            const j = nbr[q];
            let s: number;
            if (d === 2) {
              const g0 = C[2 * j] - x0;
              const g1 = C[2 * j + 1] - x1;
              s = g0 * g0 + g1 * g1;
            } else s = dist2(coords, t * d, C, j * d, d);
            if (s < bs || (s === bs && j < best)) {
              second = bs;
              bs = s;
              best = j;
            } else if (s < second) second = s;
          }
          if ((Math.sqrt(bs) + da) * (1 + 1e-12) < R[a]) {
            // The list bound holds for a's list only: a point that changed centroid starts without one.
            lower[t] = best === a ? Math.sqrt(second) : 0;
          } else {
            one ??= new KnnSearcher(buildKdTree(C, k, d), Math.min(2, k));
            one.query(coords, t * d, -1, oneI, oneD, 0);
            best = oneI[0];
            bs = oneD[0] * oneD[0];
            lower[t] = 0;
          }
          upper[t] = Math.sqrt(bs);
          label[t] = best;
        }
      }
      const wv = wt[t];
      sumW[best] += wv;
      for (let c = 0; c < d; c++) sumWX[best * d + c] += wv * coords[t * d + c];
    }
  }
}

/** Squared Euclidean distance between point a of A and point b of B (d coordinates each). */
export function dist2(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) {
    const g = A[a + c] - B[b + c];
    s += g * g;
  }
  return s;
}
