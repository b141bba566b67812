// Chooses UMAP's kNN graph source: our exact brute-force search handed over with setPrecomputedKNN, or
// umap-js's own NN-descent; reports CPU time of kNN + initializeFit, NN-descent's recall, and a full run.
// Run: node --import tsx bench/kernels/umapKnn.bench.ts [digits|random] [epochs=200]
import { readFileSync } from 'node:fs';
import { UMAP } from 'umap-js';
import { computeUmap, exactKnnWithSelf } from '../../src/engine/embedding/umap';
import { seededUniform } from '../../src/engine/random';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';

function digits(): { X: Float64Array; E: number; F: number } {
  const lines = readFileSync('examples/digits.csv', 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const cols = head.map((h, i) => (h.startsWith('pixel_') ? i : -1)).filter((i) => i >= 0);
  const E = lines.length - 1;
  const F = cols.length;
  const X = new Float64Array(E * F);
  for (let i = 0; i < E; i++) {
    const cells = lines[i + 1].split(',');
    cols.forEach((c, j) => (X[i * F + j] = Number(cells[c])));
  }
  return { X, E, F };
}

/** MNIST-shaped noise: 10 random sparse prototypes, each row one of them plus noise, clipped to [0, 1]. */
function randomish(E = 10000, F = 784): { X: Float64Array; E: number; F: number } {
  const r = seededUniform(5, 1);
  const proto = new Float64Array(10 * F);
  for (let q = 0; q < proto.length; q++) proto[q] = r() < 0.2 ? r() : 0;
  const X = new Float64Array(E * F);
  for (let i = 0; i < E; i++) {
    const p = Math.floor(r() * 10);
    for (let c = 0; c < F; c++) X[i * F + c] = Math.min(1, Math.max(0, proto[p * F + c] + 0.3 * (r() - 0.5)));
  }
  return { X, E, F };
}

async function cpu<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await f();
  const u = process.cpuUsage(u0);
  console.log(
    `${label}: cpu ${((u.user + u.system) / 1e6).toFixed(2)} s, wall ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
  return out;
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'digits';
  const epochs = Number(process.argv[3] ?? 200);
  const { X, E, F } = which === 'digits' ? digits() : randomish();
  const k = DEFAULT_PARAMS.umapNeighbors;
  console.log(`${which}: E = ${E}, F = ${F}, nNeighbors = ${k}`);
  const rows = Array.from({ length: E }, (_, i) => Array.from(X.subarray(i * F, (i + 1) * F)));
  const exact = await cpu('exact kNN', () => exactKnnWithSelf(X, E, F, k));
  await cpu('exact kNN handed over + initializeFit', async () => {
    const u = new UMAP({ nNeighbors: k, nEpochs: epochs, random: seededUniform(0, 7) });
    const again = await exactKnnWithSelf(X, E, F, k);
    u.setPrecomputedKNN(again.indices, again.distances);
    u.initializeFit(rows);
  });
  const nd = await cpu('NN-descent + initializeFit', () => {
    const u = new UMAP({ nNeighbors: k, nEpochs: epochs, random: seededUniform(0, 7) });
    u.initializeFit(rows);
    return u as unknown as { knnIndices: number[][] };
  });
  let hit = 0;
  for (let i = 0; i < E; i++) {
    const want = new Set(exact.indices[i]);
    for (const j of nd.knnIndices[i]) if (want.has(j)) hit++;
  }
  console.log(`NN-descent recall of the exact ${k}-NN (self included): ${(hit / (E * k)).toFixed(4)}`);
  const p = { ...DEFAULT_PARAMS, umapEpochs: epochs };
  await cpu(`computeUmap auto (${epochs} epochs)`, () => computeUmap(X, E, F, p));
}

void main();
