// Chooses UMAP's kNN graph: umap-js's NN-descent (in all the columns, one thread) against ours (knn.ts: PCA to
// 50 components, NN-descent on the pool, re-ranked by exact distances; or the exact search), each timed and
// its recall of the exact 14 nearest measured. Runs alternate, so that a change of machine load hits both.
// Run: node --import tsx bench/kernels/umapKnn.bench.ts [digits|fashion10k|fashion70k] [reps=2] [--no-umap-js]
import { UMAP } from 'umap-js';
import { approximateKnn, exactKnn } from '../../src/engine/embedding/knn';
import { Pool } from '../../src/engine/parallel/pool';
import { seededUniform } from '../../src/engine/random';
import { exactGraph, loadRows, recall, timed, type BenchRows } from './umapData';

/** umap-js's own kNN (its nearestNeighbors, what initializeFit runs without a precomputed graph). */
function umapJsKnn(d: BenchRows): Int32Array {
  const u = new UMAP({ nNeighbors: 15, random: seededUniform(0, 7) });
  const rows = Array.from({ length: d.E }, (_, i) => Array.from(d.x.subarray(i * d.F, (i + 1) * d.F)));
  const nn = (
    u as unknown as { nearestNeighbors(X: number[][]): { knnIndices: number[][] } }
  ).nearestNeighbors(rows);
  return Int32Array.from(nn.knnIndices.flat());
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const name = args[0] ?? 'digits';
  const reps = Number(args[1] ?? 2);
  const d = loadRows(name);
  const warm = new Pool();
  const truth = await exactGraph(d, 15, warm);
  await warm.dispose();
  console.log(`${name}: E = ${d.E}, F = ${d.F}; recall of the exact 14 nearest others`);
  for (let r = 0; r < reps; r++) {
    if (!process.argv.includes('--no-umap-js')) {
      const js = await timed(() => umapJsKnn(d));
      console.log(
        `  umap-js NN-descent: cpu ${js.cpu.toFixed(2)} s, wall ${js.wall.toFixed(2)} s, recall ${recall(truth, js.out, 15).toFixed(4)}`,
      );
    }
    for (const threads of [1, 2]) {
      const pool = new Pool({ threads });
      await exactKnn(d.x, 20, d.F, 2, pool); // starts the threads outside the timing
      const ours = await timed(() => approximateKnn(d.x, d.E, d.F, 15, pool, 0));
      console.log(
        `  ours approximate, ${threads} thread(s): cpu ${ours.cpu.toFixed(2)} s, wall ${ours.wall.toFixed(2)} s, recall ${recall(truth, ours.out.graph.idx, 15).toFixed(4)}`,
      );
      if (d.E <= 20000) {
        const ex = await timed(() => exactKnn(d.x, d.E, d.F, 15, pool));
        console.log(
          `  ours exact, ${threads} thread(s): cpu ${ex.cpu.toFixed(2)} s, wall ${ex.wall.toFixed(2)} s, recall ${recall(truth, ex.out.idx, 15).toFixed(4)}`,
        );
      }
      await pool.dispose();
    }
  }
}

void main();
