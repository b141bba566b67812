// Chooses the Lloyd step of the probe k-means: label + nearby-centroid search (kept, in src/engine/kmeans.ts)
// against Kanungo et al.'s filtering over the point tree (below). Reports CPU time, robust on a shared machine.
// Run: node --import tsx bench/kernels/kmeans.bench.ts [E=200000] [k=6000] [iters=20]
import { buildKdTree, type KdTree } from '../../src/engine/localities/neighbours';
import { dist2, weightedKmeans } from '../../src/engine/localities/kmeans';
import { seededUniform } from '../../src/engine/random';

const E = Number(process.argv[2] ?? 200000);
const k = Number(process.argv[3] ?? 6000);
const iters = Number(process.argv[4] ?? 20);

function cpu<T>(label: string, f: () => T): T {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  const u = process.cpuUsage(u0);
  console.log(
    `${label}: cpu ${((u.user + u.system) / 1e6).toFixed(3)} s, wall ${((performance.now() - t0) / 1000).toFixed(3)} s`,
  );
  return out;
}

/** Kanungo et al. (2002) filtering: one Lloyd step with node-level assignment. */
class Filter {
  private readonly W: Float64Array;
  private readonly WX: Float64Array;
  private readonly sumW: Float64Array;
  private readonly sumWX: Float64Array;
  /** Candidate lists of every recursion level, stacked. */
  private readonly cand: Int32Array;
  private C: Float64Array = new Float64Array(0);

  constructor(
    private readonly tree: KdTree,
    private readonly wt: Float64Array,
    private readonly k: number,
  ) {
    const { d, nodeCount, lo, hi, right, coords } = tree;
    // Per-node total weight and weighted coordinate sums, children before parents (preorder reversed).
    this.W = new Float64Array(nodeCount);
    this.WX = new Float64Array(nodeCount * d);
    for (let v = nodeCount - 1; v >= 0; v--) {
      const r = right[v];
      if (r < 0) {
        for (let t = lo[v]; t < hi[v]; t++) {
          this.W[v] += wt[t];
          for (let c = 0; c < d; c++) this.WX[v * d + c] += wt[t] * coords[t * d + c];
        }
      } else {
        this.W[v] = this.W[v + 1] + this.W[r];
        for (let c = 0; c < d; c++) this.WX[v * d + c] = this.WX[(v + 1) * d + c] + this.WX[r * d + c];
      }
    }
    this.sumW = new Float64Array(k);
    this.sumWX = new Float64Array(k * d);
    // A median-split tree is at most ~log2(E) + 2 deep; each level holds at most k candidates.
    this.cand = new Int32Array(k * (Math.ceil(Math.log2(Math.max(2, tree.E))) + 4));
  }

  lloydStep(C: Float64Array): Float64Array {
    const { d } = this.tree;
    this.C = C;
    this.sumW.fill(0);
    this.sumWX.fill(0);
    for (let j = 0; j < this.k; j++) this.cand[j] = j;
    if (this.tree.nodeCount > 0) this.visit(0, 0, this.k);
    const next = new Float64Array(C.length);
    for (let j = 0; j < this.k; j++) {
      const sw = this.sumW[j];
      for (let c = 0; c < d; c++) next[j * d + c] = sw > 0 ? this.sumWX[j * d + c] / sw : C[j * d + c];
    }
    return next;
  }

  /** Candidates for node v are cand[start, start + n). */
  private visit(v: number, start: number, n: number): void {
    const { d, lo, hi, right, coords, bmin, bmax } = this.tree;
    const C = this.C;
    const cand = this.cand;
    const nb = v * d;
    if (right[v] < 0) {
      for (let t = lo[v]; t < hi[v]; t++) {
        let best = cand[start];
        let bs = dist2(coords, t * d, C, best * d, d);
        for (let a = start + 1; a < start + n; a++) {
          const j = cand[a];
          const s = dist2(coords, t * d, C, j * d, d);
          if (s < bs || (s === bs && j < best)) {
            bs = s;
            best = j;
          }
        }
        const wv = this.wt[t];
        this.sumW[best] += wv;
        for (let c = 0; c < d; c++) this.sumWX[best * d + c] += wv * coords[t * d + c];
      }
      return;
    }
    // z* = the candidate nearest the cell's midpoint.
    let zs = cand[start];
    let bs = Infinity;
    for (let a = start; a < start + n; a++) {
      const j = cand[a];
      let s = 0;
      for (let c = 0; c < d; c++) {
        const g = C[j * d + c] - 0.5 * (bmin[nb + c] + bmax[nb + c]);
        s += g * g;
      }
      if (s < bs || (s === bs && j < zs)) {
        bs = s;
        zs = j;
      }
    }
    // Keep z only if some corner of the cell is nearer to z than to z*: the corner farthest in direction z - z*.
    const out = start + n;
    let m = 0;
    for (let a = start; a < start + n; a++) {
      const j = cand[a];
      if (j === zs) {
        cand[out + m++] = j;
        continue;
      }
      let dz = 0;
      let dzs = 0;
      for (let c = 0; c < d; c++) {
        const vert = C[j * d + c] > C[zs * d + c] ? bmax[nb + c] : bmin[nb + c];
        const g1 = C[j * d + c] - vert;
        const g2 = C[zs * d + c] - vert;
        dz += g1 * g1;
        dzs += g2 * g2;
      }
      if (dz < dzs) cand[out + m++] = j;
    }
    if (m === 1) {
      this.sumW[zs] += this.W[v];
      for (let c = 0; c < d; c++) this.sumWX[zs * d + c] += this.WX[nb + c];
      return;
    }
    this.visit(v + 1, out, m);
    this.visit(right[v], out, m);
  }
}

function main(): void {
  const r = seededUniform(1, 3);
  const Z = new Float64Array(E * 2);
  for (let i = 0; i < E; i++) {
    const b = Math.floor(r() * 12);
    const s = 0.3 + (b % 3) * 0.4;
    Z[2 * i] = (b % 4) * 6 + (r() + r() + r() - 1.5) * s;
    Z[2 * i + 1] = Math.floor(b / 4) * 6 + (r() + r() + r() - 1.5) * s;
  }
  const w = new Float64Array(E);
  for (let i = 0; i < E; i++) w[i] = 0.5 + r();
  const tree = cpu('point tree', () => buildKdTree(Z, E, 2));
  console.log(`E = ${E}, k = ${k}, ${iters} Lloyd iterations`);
  const seeds = cpu(
    'k-means++ seeding',
    () => weightedKmeans(Z, E, 2, w, k, seededUniform(0, 5), { tree, maxIter: 0 }).centroids,
  );
  const lab = cpu(
    `seeding + ${iters} labelled Lloyd steps`,
    () => weightedKmeans(Z, E, 2, w, k, seededUniform(0, 5), { tree, maxIter: iters }).centroids,
  );
  const wt = new Float64Array(E);
  for (let t = 0; t < E; t++) wt[t] = w[tree.perm[t]];
  const filt = cpu(`${iters} filtering Lloyd steps`, () => {
    const f = new Filter(tree, wt, k);
    let C = seeds;
    for (let i = 0; i < iters; i++) C = f.lloydStep(C);
    return C;
  });
  let maxDiff = 0;
  for (let j = 0; j < lab.length; j++) maxDiff = Math.max(maxDiff, Math.abs(lab[j] - filt[j]));
  console.log(`largest centroid difference between the two: ${maxDiff.toExponential(2)}`);
}

main();
