// Data of the UMAP kernel benches: digits or Fashion-MNIST (10k, 70k) as shared Float32 rows, and their exact
// 15-NN (self first), computed once on the pool and cached in bench/.cache/ (minutes at 70k).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fashionFile } from '../datasets';
import { exactKnn, type KnnGraph } from '../../src/engine/embedding/knn';
import { knn } from '../../src/engine/localities/neighbours';
import type { Pool } from '../../src/engine/parallel/pool';
import { sharedArray } from '../../src/engine/parallel/shared';

export interface BenchRows {
  name: string;
  x: Float32Array;
  E: number;
  F: number;
}

const ROOT = join(import.meta.dirname, '../..');

/** digits (examples/digits.csv pixels) or fashion10k / fashion70k (all 784 pixels). */
export function loadRows(name: string): BenchRows {
  const file =
    name === 'digits'
      ? 'examples/digits.csv'
      : fashionFile(ROOT, Number(name.replace(/^fashion|k$/g, '')) * 1000);
  const lines = readFileSync(join(ROOT, file), 'utf8').trimEnd().split(/\r?\n/);
  const head = lines[0].split(',');
  const cols = head.map((h, i) => (h.startsWith('pixel_') ? i : -1)).filter((i) => i >= 0);
  const E = lines.length - 1;
  const F = cols.length;
  const x = sharedArray(Float32Array, E * F);
  for (let i = 0; i < E; i++) {
    const cells = lines[i + 1].split(',');
    cols.forEach((c, j) => (x[i * F + j] = Number(cells[c])));
  }
  return { name, x, E, F };
}

/** The exact kNN graph of the rows (k with self), from bench/.cache/NAME.knnK.bin when there. */
export async function exactGraph(d: BenchRows, k: number, pool: Pool): Promise<KnnGraph> {
  const dir = join(ROOT, 'bench/.cache');
  const file = join(dir, `${d.name}.knn${k}.bin`);
  if (existsSync(file)) {
    const b = readFileSync(file);
    const idx = new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + d.E * k * 4));
    const dist = new Float64Array(b.buffer.slice(b.byteOffset + d.E * k * 4, b.byteOffset + d.E * k * 12));
    return { n: d.E, k, idx, dist };
  }
  console.log(`exact ${k}-NN of ${d.name} (once, cached in ${file})`);
  const g = await exactKnn(d.x, d.E, d.F, k, pool);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(g.idx.buffer, g.idx.byteOffset, g.idx.byteLength),
      Buffer.from(g.dist.buffer, g.dist.byteOffset, g.dist.byteLength),
    ]),
  );
  return g;
}

/** Mean share of each row's k - 1 nearest others (exact graph) that `idx` (n x w, self first) found. */
export function recall(exact: KnnGraph, idx: ArrayLike<number>, w: number): number {
  let hit = 0;
  for (let i = 0; i < exact.n; i++) {
    const found = new Set<number>();
    for (let t = 1; t < w; t++) found.add(idx[i * w + t]);
    for (let t = 1; t < exact.k; t++) if (found.has(exact.idx[i * exact.k + t])) hit++;
  }
  return hit / (exact.n * (exact.k - 1));
}

/** 15-NN preservation as bench/umap_learn.py measures it: the share of each row's 15 nearest (exact graph of
 * 16 with self) that are among its 15 nearest on the 2-D map. */
export function preservation(exact: KnnGraph, Y: Float64Array): number {
  const n = exact.n;
  const m = exact.k - 1;
  const onMap = knn(Y, n, 2, m);
  let hit = 0;
  for (let i = 0; i < n; i++) {
    const near = new Set(onMap.index.subarray(i * m, (i + 1) * m));
    for (let t = 1; t <= m; t++) if (near.has(exact.idx[i * exact.k + t])) hit++;
  }
  return hit / (n * m);
}

/** CPU seconds (every thread of the process) and wall seconds of f. */
export async function timed<T>(f: () => Promise<T> | T): Promise<{ out: T; cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await f();
  const c = process.cpuUsage(c0);
  return { out, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}
