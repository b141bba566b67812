// Chooses the 2-D all-points kNN kernel: our k-d tree (several leaf sizes) against kdbush with a growing radius.
// Run: node --import tsx bench/kernels/knn2d.bench.ts [E=200000] [k=100]
import KDBush from 'kdbush';
import { buildKdTree, knn } from '../../src/engine/localities/neighbours';
import { seededUniform } from '../../src/engine/random';

const E = Number(process.argv[2] ?? 200000);
const k = Number(process.argv[3] ?? 100);

// Clustered data like an embedding: Gaussian blobs of different spreads, not a uniform square.
function blobs(n: number): Float64Array {
  const r = seededUniform(1, 3);
  const Z = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const b = Math.floor(r() * 12);
    const s = 0.2 + (b % 4) * 0.3;
    const u = Math.max(r(), 1e-12);
    const rad = s * Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * r();
    Z[2 * i] = (b % 4) * 6 + rad * Math.cos(th);
    Z[2 * i + 1] = Math.floor(b / 4) * 6 + rad * Math.sin(th);
  }
  return Z;
}

function time<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(3)} s`);
  return out;
}

/** kdbush has no kNN query: search a radius guessed from the local density, doubling it until k+1 hits. */
function kdbushKnn(Z: Float64Array, n: number, kk: number): Int32Array {
  const idx = new KDBush(n, 64, Float64Array);
  for (let i = 0; i < n; i++) idx.add(Z[2 * i], Z[2 * i + 1]);
  idx.finish();
  const out = new Int32Array(n * kk);
  let r = 0.05;
  const ds = new Float64Array(n);
  const order = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = Z[2 * i];
    const y = Z[2 * i + 1];
    let hits: number[];
    while (true) {
      hits = idx.within(x, y, r);
      if (hits.length >= kk + 1) break;
      r *= 2;
    }
    // Native typed-array sort finds the k-th distance; only the few at or below it get the (d, index) comparator.
    let m = 0;
    for (const j of hits) {
      if (j === i) continue;
      const gx = Z[2 * j] - x;
      const gy = Z[2 * j + 1] - y;
      ds[j] = gx * gx + gy * gy;
      order[m] = j;
      keys[m++] = ds[j];
    }
    const sorted = keys.subarray(0, m).sort();
    const kth = sorted[kk - 1];
    const sub: number[] = [];
    for (let t = 0; t < m; t++) if (ds[order[t]] <= kth) sub.push(order[t]);
    sub.sort((a, b) => ds[a] - ds[b] || a - b);
    for (let t = 0; t < kk; t++) out[i * kk + t] = sub[t];
    // Next query starts from a radius that gave ~2k hits here (neighbouring queries have similar density).
    r *= Math.sqrt((2 * kk) / hits.length);
  }
  return out;
}

const Z = blobs(E);
console.log(`E = ${E}, k = ${k}, d = 2`);
let ref: Int32Array | null = null;
for (const leaf of [4, 8, 16, 32]) {
  const res = time(`kd-tree leaf ${leaf} (build + all kNN)`, () =>
    knn(Z, E, 2, k, buildKdTree(Z, E, 2, leaf)),
  );
  ref ??= res.index;
}
const kb = time('kdbush radius-growing (build + all kNN)', () => kdbushKnn(Z, E, k));
let same = 0;
for (let i = 0; i < kb.length; i++) if (kb[i] === ref![i]) same++;
console.log(`kdbush agrees with the k-d tree on ${((100 * same) / kb.length).toFixed(2)}% of entries`);
