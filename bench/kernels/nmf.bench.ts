// Bench of Steps 2-3 on realistic sizes: correlations then NMF (time, iterations, error); can dump for scikit-learn.
// Run: node --import tsx bench/kernels/nmf.bench.ts planted|fashion [--dump DIR] [--k 8] [--boolean] [--correlations-only]
// then: /usr/bin/python3 bench/kernels/nmf_sklearn.py DIR   (compares scikit-learn's NMF with ours)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localityCorrelations } from '../../src/engine/correlations/localityCorrelations';
import { factorize } from '../../src/engine/factorize/factorize';
import { seededUniform } from '../../src/engine/random';
import type { Localities } from '../../src/engine/types';

const which = process.argv[2] ?? 'planted';
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dump = arg('--dump');
const k = Number(arg('--k') ?? 8);
const n = 100;

// Minimal numeric CSV reading (bench data only): embedding x,y when present, features, skip label/blob.
const lines = readFileSync(`bench/data/${which === 'fashion' ? 'fashion10k' : 'planted20k'}.csv`, 'utf8')
  .trim()
  .split('\n');
const head = lines[0].split(',');
const featCols = head
  .map((h, i) => [h, i] as const)
  .filter(([h]) => h.startsWith('f') || h.startsWith('pixel'));
const zCols = ['x', 'y'].map((h) => head.indexOf(h)).filter((i) => i >= 0);
const E = lines.length - 1;
let F = featCols.length;
let X = new Float64Array(E * F);
const Z = new Float64Array(E * 2);
for (let e = 0; e < E; e++) {
  const cells = lines[e + 1].split(',');
  featCols.forEach(([, c], f) => (X[e * F + f] = Number(cells[c])));
  zCols.forEach((c, d) => (Z[e * 2 + d] = Number(cells[c])));
}
// Drop features constant over the data set (as prepare does).
const keep: number[] = [];
for (let f = 0; f < F; f++) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = 0; e < E; e++) {
    lo = Math.min(lo, X[e * F + f]);
    hi = Math.max(hi, X[e * F + f]);
  }
  if (hi > lo) keep.push(f);
}
const Xk = new Float64Array(E * keep.length);
for (let e = 0; e < E; e++) keep.forEach((f, j) => (Xk[e * keep.length + j] = X[e * F + f]));
X = Xk;
F = keep.length;

// Localities: l = ceil(3E/n) seeded random probe samples, each with its n nearest samples (in x,y when
// given, else in feature space): a stand-in for Step 1 with the same sizes.
const l = Math.ceil((E * 3) / n);
const rnd = seededUniform(0);
const members = new Int32Array(l * n);
const dist = new Float64Array(E);
const order = new Int32Array(E);
const t0 = performance.now();
for (let p = 0; p < l; p++) {
  const s = Math.floor(rnd() * E);
  for (let e = 0; e < E; e++) {
    let d = 0;
    if (zCols.length === 2) d = (Z[e * 2] - Z[s * 2]) ** 2 + (Z[e * 2 + 1] - Z[s * 2 + 1]) ** 2;
    else for (let f = 0; f < F; f++) d += (X[e * F + f] - X[s * F + f]) ** 2;
    dist[e] = d;
    order[e] = e;
  }
  order.sort((a, b) => dist[a] - dist[b] || a - b);
  members.set(order.subarray(0, n), p * n);
}
const loc: Localities = {
  count: l,
  size: n,
  probes: new Float64Array(l * 2),
  members,
  alpha: 0,
  beta: 0,
  objective: 0,
  evaluations: 0,
  inDegree: new Int32Array(E),
};
console.log(
  `${which}: E=${E} F=${F} l=${l} n=${n} k=${k} (localities ${(performance.now() - t0).toFixed(0)} ms)`,
);

async function main(): Promise<void> {
  const t1 = performance.now();
  const corr = await localityCorrelations(X, E, F, loc, { correlation: 'pearson', alpha: 1e-3 });
  const t2 = performance.now();
  const nnz = corr.value.length;
  console.log(
    `correlations: ${(t2 - t1).toFixed(0)} ms (${((t2 - t1) / l).toFixed(1)} ms/locality), P=${corr.P}, kept ${nnz} (${((100 * nnz) / (l * corr.P)).toFixed(2)}% of l x P), threshold ${corr.threshold.toFixed(4)}`,
  );
  if (process.argv.includes('--correlations-only')) {
    if (dump) {
      mkdirSync(dump, { recursive: true });
      writeFileSync(join(dump, 'pairIndex.i32'), new Uint8Array(corr.pairIndex.buffer));
      writeFileSync(join(dump, 'value.f32'), new Uint8Array(corr.value.buffer));
    }
    return;
  }
  const boolean = process.argv.includes('--boolean');
  const f = await factorize(corr, { modules: k, factorization: boolean ? 'boolean' : 'nmf', seed: 0 });
  const t3 = performance.now();
  console.log(
    `${boolean ? 'asso' : 'nmf'}: ${(t3 - t2).toFixed(0)} ms, iterations ${f.iterations}, error ${f.error.toFixed(5)}`,
  );

  if (dump) {
    mkdirSync(dump, { recursive: true });
    const w = (name: string, a: ArrayBufferView) =>
      writeFileSync(join(dump, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    w('rowPtr.i32', corr.rowPtr);
    w('pairIndex.i32', corr.pairIndex);
    w('value.f32', corr.value);
    w('W.f64', f.W);
    w('patterns.f32', f.patterns);
    writeFileSync(
      join(dump, 'meta.json'),
      JSON.stringify({ l, P: corr.P, k, iterations: f.iterations, error: f.error, ms: t3 - t2 }),
    );
  }
}

void main();
