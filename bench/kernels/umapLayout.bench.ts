// Whether to keep umap-js for the fuzzy set and the layout epochs: on the same exact kNN graph, umap-js
// (setPrecomputedKNN, initializeFit, step) against ours (fuzzySet.ts, layout.ts on the pool, 1 and 2 threads):
// CPU and wall seconds of each step, and the 15-NN preservation of the map. Runs alternate, so that a change
// of machine load hits both. umap-js starts from a random layout, ours from the PCA start (initialLayout.ts).
// Run: node --import tsx bench/kernels/umapLayout.bench.ts [digits|fashion10k|fashion70k] [epochs=200] [reps=2]
import { UMAP } from 'umap-js';
import { fuzzySimplicialSet } from '../../src/engine/embedding/fuzzySet';
import { initialLayout } from '../../src/engine/embedding/initialLayout';
import type { KnnGraph } from '../../src/engine/embedding/knn';
import { optimizeLayout } from '../../src/engine/embedding/layout';
import { Pool } from '../../src/engine/parallel/pool';
import { seededUniform } from '../../src/engine/random';
import { exactGraph, loadRows, preservation, timed, type BenchRows } from './umapData';

async function umapJs(d: BenchRows, g: KnnGraph, epochs: number): Promise<Float64Array> {
  const u = new UMAP({ nNeighbors: g.k, nEpochs: epochs, minDist: 0.1, random: seededUniform(0, 7) });
  const rows = Array.from({ length: d.E }, (_, i) => Array.from(d.x.subarray(i * d.F, (i + 1) * d.F)));
  const indices = Array.from({ length: d.E }, (_, i) => Array.from(g.idx.subarray(i * g.k, (i + 1) * g.k)));
  const distances = Array.from({ length: d.E }, (_, i) =>
    Array.from(g.dist.subarray(i * g.k, (i + 1) * g.k)),
  );
  u.setPrecomputedKNN(indices, distances);
  const fit = await timed(() => u.initializeFit(rows));
  const run = await timed(() => {
    for (let e = 0; e < epochs; e++) u.step();
  });
  console.log(
    `  umap-js: fuzzy set + set-up cpu ${fit.cpu.toFixed(2)} s (wall ${fit.wall.toFixed(2)}), epochs cpu ${run.cpu.toFixed(2)} s (wall ${run.wall.toFixed(2)})`,
  );
  return Float64Array.from(u.getEmbedding().flat());
}

async function ours(d: BenchRows, g: KnnGraph, epochs: number, threads: number): Promise<Float64Array> {
  const pool = new Pool({ threads });
  try {
    const warm = await timed(() => initialLayout(d.x, d.E, d.F, null, pool, 0)); // also starts the threads
    const fz = await timed(() => fuzzySimplicialSet(g, pool));
    const run = await timed(() =>
      optimizeLayout(fz.out, warm.out, { nEpochs: epochs, minDist: 0.1, seed: 0 }, pool),
    );
    console.log(
      `  ours, ${threads} thread(s): fuzzy set cpu ${fz.cpu.toFixed(2)} s, PCA start cpu ${warm.cpu.toFixed(2)} s, epochs cpu ${run.cpu.toFixed(2)} s (wall ${run.wall.toFixed(2)})`,
    );
    return run.out;
  } finally {
    await pool.dispose();
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'digits';
  const epochs = Number(process.argv[3] ?? 200);
  const reps = Number(process.argv[4] ?? 2);
  const d = loadRows(name);
  const pool = new Pool();
  const g = await exactGraph(d, 15, pool);
  const truth = await exactGraph(d, 16, pool);
  await pool.dispose();
  console.log(`${name}: E = ${d.E}, F = ${d.F}, exact 15-NN graph, ${epochs} epochs`);
  for (let r = 0; r < reps; r++) {
    console.log(`round ${r + 1}`);
    console.log(`  umap-js preservation ${preservation(truth, await umapJs(d, g, epochs)).toFixed(4)}`);
    for (const threads of [1, 2])
      console.log(
        `  ours (${threads}) preservation ${preservation(truth, await ours(d, g, epochs, threads)).toFixed(4)}`,
      );
  }
}

void main();
