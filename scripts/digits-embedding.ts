// Adds a stored 2-D embedding (umap_1, umap_2: our UMAP, seed 0) to examples/digits.csv, so that the
// bundled example runs with an embedding given, as most users' data does. Run once; the result is committed.
//   npx tsx scripts/digits-embedding.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { readTableFile } from '../src/engine/read/table';
import { computeUmap } from '../src/engine/embedding/umap';
import { DEFAULT_PARAMS } from '../src/shared/params/types';

async function main(): Promise<void> {
  const path = 'examples/digits.csv';
  const table = await readTableFile(path);
  const pixels = table.columns.filter((c) => c.kind === 'numeric' && c.name.startsWith('pixel_'));
  const E = table.rowCount;
  const F = pixels.length;
  const X = new Float64Array(E * F);
  pixels.forEach((c, j) => {
    if (c.kind !== 'numeric') return;
    for (let i = 0; i < E; i++) X[i * F + j] = c.values[i];
  });
  const Z = await computeUmap(X, E, F, DEFAULT_PARAMS);
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const head = lines[0].split(',');
  const keep = head.findIndex((h) => h === 'umap_1');
  const base = lines.map((l) => (keep >= 0 ? l.split(',').slice(0, keep).join(',') : l));
  const out = [`${base[0]},umap_1,umap_2`];
  for (let i = 0; i < E; i++) out.push(`${base[i + 1]},${Z[2 * i].toFixed(4)},${Z[2 * i + 1].toFixed(4)}`);
  writeFileSync(path, out.join('\n') + '\n');
  console.log(`wrote ${path}: ${E} rows, ${F} pixels + label + umap_1,umap_2`);
}

void main();
