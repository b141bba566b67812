// Heatmap ordering: our average linkage (nearest-neighbour chain, webview/util/featureOrder.ts) against ml-hclust's
// agnes on the same 1 - |w| distances: the same merge heights, and the time each takes per feature count.
// Run: node --import tsx bench/kernels/clustering.bench.ts [--full]   (--full adds 784 features for agnes too)
import { agnes, type Cluster } from 'ml-hclust';
import { averageLinkageOrder } from '../../webview/util/featureOrder';
import { seededUniform } from '../../src/engine/random';

/** 1 - |w| for a random sparse signed pattern over F features, as the heatmap clusters it. */
function distances(F: number): Float64Array {
  const rand = seededUniform(F);
  const D = new Float64Array(F * F);
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++)
      D[i * F + j] = D[j * F + i] = rand() < 0.2 ? 1 - rand() : 1 - 1e-6 * rand();
  return D;
}

function heightsOf(tree: Cluster): number[] {
  const out: number[] = [];
  const walk = (c: Cluster) => {
    if (c.isLeaf) return;
    out.push(c.height);
    c.children.forEach(walk);
  };
  walk(tree);
  return out.sort((a, b) => a - b);
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

const sizes = process.argv.includes('--full') ? [64, 256, 784] : [64, 256];
for (const F of sizes) {
  const D = distances(F);
  const ours: number[] = [];
  const [, tOurs] = time(() => averageLinkageOrder(D.slice(), F, (h) => ours.push(h)));
  const rows = Array.from({ length: F }, (_, i) => Array.from(D.subarray(i * F, (i + 1) * F)));
  const [tree, tAgnes] = time(() => agnes(rows, { method: 'average', isDistanceMatrix: true }));
  const theirs = heightsOf(tree);
  ours.sort((a, b) => a - b);
  const same = ours.length === theirs.length && ours.every((h, k) => Math.abs(h - theirs[k]) < 1e-9);
  console.log(
    `F=${F}: ours ${tOurs.toFixed(1)} ms, ml-hclust agnes ${tAgnes.toFixed(1)} ms, same heights: ${same}`,
  );
}
