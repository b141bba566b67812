// NMF start from the pairs' locality profiles: columns of A that switch on in the same localities start in one component.
import { columnTimes } from './nmfKernel';
import { transpose, type CsrValues, type SignSplit, type Values } from './sparse';

/** Iteration cap of the spherical k-means that refines the farthest-first centres. */
const KMEANS_ITERATIONS = 30;

/**
 * ...and it stops sooner once the columns that changed centre in a round weigh at most this share of all
 * columns' weight (their norms). Without it most starts ran all 30 rounds: on Fashion-MNIST a few hundred of
 * 60,000 columns, weak chance pairs, kept moving between centres while the strong ones had settled, and the
 * start was 35 to 40 % of each of the k scan's fits.
 */
const KMEANS_SETTLED = 1e-3;

/**
 * Why this start exists: when modules switch on in overlapping sets of blobs, every locality of one
 * blob has the same row of A, and NMF from NNDSVD settles on "one component per blob type" (sums of
 * modules), an exact fit that is not the parts. The columns of one module, though, all share one
 * locality profile, so grouping columns by the cosine of their profiles gives the parts directly.
 *
 * Deterministic (no seed): centres by weighted farthest-first (first = heaviest column; next = the
 * column maximizing ||a_c||^2 (1 - best cosine to a centre), the deterministic form of k-means++),
 * refined by spherical k-means where each column weighs by its norm (so the few strong module columns,
 * not the many weak chance ones, place the centres). W0[:, j] = unit centroid j, Ht0[c, j] = the
 * projection of column c on its own centroid (0 elsewhere). Returns W (l x k), Ht (m x k), row-major; t is A's transpose when the caller has it.
 */
export function profileInit(a: SignSplit, k: number, t: CsrValues = transpose(a)): { W: Float64Array; Ht: Float64Array } {
  const l = a.rows;
  const m = a.cols;
  const W = new Float64Array(l * k);
  const Ht = new Float64Array(m * k);
  if (m === 0 || l === 0) return { W, Ht };
  const cc = new ColumnCentres(a, k, t);
  const used = cc.farthestFirst(k);
  const { assign, proj } = cc.sphericalKmeans(used);
  const centres = cc.centres;
  for (let j = 0; j < used; j++) for (let p = 0; p < l; p++) W[p * k + j] = centres[j * l + p];
  for (let c = 0; c < m; c++) if (assign[c] >= 0) Ht[c * k + assign[c]] = proj[c];
  return { W, Ht };
}

/** A's columns (rows and values of column c at colPtr[c] .. colPtr[c + 1]) and up to k unit centres over them. */
class ColumnCentres {
  private readonly l: number;
  private readonly m: number;
  private readonly colPtr: Int32Array;
  private readonly row: Int32Array;
  private readonly val: Values;
  private readonly norm2: Float64Array;
  private readonly norm: Float64Array;
  /** Centres as dense unit l-vectors, one after another. */
  readonly centres: Float64Array;

  /** t: the transpose of `a` (its columns as rows). */
  constructor(a: SignSplit, k: number, t: CsrValues) {
    this.l = a.rows;
    this.m = a.cols;
    this.colPtr = t.rowPtr;
    this.row = t.col;
    this.val = t.val;
    const { colPtr, val, m } = this;
    this.norm2 = new Float64Array(m);
    for (let c = 0; c < m; c++)
      for (let z = colPtr[c]; z < colPtr[c + 1]; z++) this.norm2[c] += val[z] * val[z];
    this.norm = this.norm2.map(Math.sqrt);
    this.centres = new Float64Array(k * this.l);
  }

  /** Cosine of column c with centre j. */
  private cos(c: number, j: number): number {
    const { colPtr, row, val, centres } = this;
    if (this.norm[c] === 0) return 0;
    const o = j * this.l;
    let s = 0;
    for (let z = colPtr[c]; z < colPtr[c + 1]; z++) s += val[z] * centres[o + row[z]];
    return s / this.norm[c];
  }

  /** Weighted farthest-first centres; returns how many (fewer than k when the columns span fewer directions). */
  farthestFirst(k: number): number {
    const { m, norm2, colPtr, row, val, l } = this;
    const best = new Float64Array(m).fill(-Infinity);
    let used = 0;
    for (let j = 0; j < k; j++) {
      let pick = -1;
      let score = 0;
      for (let c = 0; c < m; c++) {
        const s = j === 0 ? norm2[c] : norm2[c] * (1 - Math.max(best[c], 0));
        if (s > score * (1 + 1e-12)) {
          score = s;
          pick = c;
        }
      }
      if (pick < 0 || !(score > 1e-12 * norm2[pick] || j === 0)) break;
      for (let z = colPtr[pick]; z < colPtr[pick + 1]; z++)
        this.centres[j * l + row[z]] = val[z] / this.norm[pick];
      used = j + 1;
      for (let c = 0; c < m; c++) best[c] = Math.max(best[c], this.cos(c, j));
    }
    return used;
  }

  /**
   * Spherical k-means over the first `used` centres, columns weighted by their norm (the sum of raw columns
   * is the centroid). Returns each column's centre and its projection on it.
   */
  sphericalKmeans(used: number): { assign: Int32Array; proj: Float64Array } {
    const assign = new Int32Array(this.m).fill(-1);
    const proj = new Float64Array(this.m);
    let total = 0;
    for (let c = 0; c < this.m; c++) total += this.norm[c];
    for (let it = 0; it < KMEANS_ITERATIONS; it++) {
      const moved = this.assignColumns(used, assign, proj);
      if (moved <= KMEANS_SETTLED * total) break; // none moved, or too little to matter
      this.recentre(used, assign);
    }
    return { assign, proj };
  }

  /**
   * Each column to its nearest centre by cosine (ties to the lower); returns the weight (norm) of those that changed. One pass over a
   * column gives its dot with every centre (centres laid out by locality): the same sums in the same order as
   * cos() per centre, so the same bytes, at a fraction of the time (this is most of a scan fit's start).
   */
  private assignColumns(used: number, assign: Int32Array, proj: Float64Array): number {
    const { l, m, colPtr, row, val, centres, norm } = this;
    const byRow = new Float64Array(l * used);
    for (let j = 0; j < used; j++) for (let p = 0; p < l; p++) byRow[p * used + j] = centres[j * l + p];
    const dot = new Float64Array(used);
    // A's values are Float32 (sparse.ts); the kernel takes them so, one array type for the hot loop's V8 code.
    const v32 = val instanceof Float32Array ? val : Float32Array.from(val);
    let changed = 0;
    for (let c = 0; c < m; c++) {
      columnTimes(colPtr, row, v32, c, byRow, used, dot);
      let bj = 0;
      let bc = -Infinity;
      for (let j = 0; j < used; j++) {
        const cos = norm[c] === 0 ? 0 : dot[j] / norm[c];
        if (cos > bc) {
          bc = cos;
          bj = j;
        }
      }
      if (assign[c] !== bj) changed += norm[c];
      assign[c] = bj;
      proj[c] = Math.max(bc, 0) * norm[c];
    }
    return changed;
  }

  /** Each centre to the unit direction of the sum of its columns (one pass over A: each sum adds in column order, as per centre). */
  private recentre(used: number, assign: Int32Array): void {
    const { l, m, colPtr, row, val, centres } = this;
    const sums = new Float64Array(used * l);
    const members = new Int32Array(used);
    for (let c = 0; c < m; c++) {
      const j = assign[c];
      if (j < 0 || j >= used) continue;
      members[j]++;
      const o = j * l;
      for (let z = colPtr[c]; z < colPtr[c + 1]; z++) sums[o + row[z]] += val[z];
    }
    for (let j = 0; j < used; j++) {
      // An emptied cluster keeps its centre (its column still stands for a direction of A).
      if (members[j] === 0) continue;
      const sum = sums.subarray(j * l, (j + 1) * l);
      let s = 0;
      for (let p = 0; p < l; p++) s += sum[p] * sum[p];
      s = Math.sqrt(s);
      if (s > 0) for (let p = 0; p < l; p++) centres[j * l + p] = sum[p] / s;
    }
  }
}
