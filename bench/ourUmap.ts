// Bench peer of umap_learn.py: the engine's UMAP step (the --umap path's embedding) alone on a CSV, timed inside the process.
// usage: node --import tsx bench/ourUmap.ts DATA.csv OUT.json [--max-features M] [--seed S]
// OUT.json: { rows, features, ms, embedding: { dims, coords } } (the shape umap_learn.py --ours reads).
import { writeFileSync } from 'node:fs';
import { readTableFile } from '../src/engine/read/table';
import { prepare } from '../src/engine/prepare/prepare';
import { tableDataset } from '../src/engine/read/tableDataset';
import { computeUmap } from '../src/engine/embedding/umap';
import { DEFAULT_PARAMS, type LavaParams } from '../src/shared/params/types';

async function main(argv: string[]): Promise<void> {
  const positional: string[] = [];
  const params: LavaParams = { ...DEFAULT_PARAMS, umap: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-features') params.maxFeatures = Number(argv[++i]);
    else if (argv[i] === '--seed') params.seed = Number(argv[++i]);
    else positional.push(argv[i]);
  }
  if (positional.length !== 2)
    throw new Error('usage: ourUmap.ts DATA.csv OUT.json [--max-features M] [--seed S]');
  const [data, out] = positional;
  const table = await readTableFile(data);
  // a stored embedding is not a feature of the map we make (umap_learn.py leaves the same columns out)
  params.metadata = ['umap_1', 'umap_2'].filter((c) => table.header.includes(c));
  const prepared = await prepare({ data: tableDataset(table) }, params);
  const t0 = performance.now();
  const Z = await computeUmap(prepared.X, prepared.E, prepared.F, params, {});
  const ms = performance.now() - t0;
  const coords = Array.from(Z, (v) => Math.round(v * 1e5) / 1e5);
  writeFileSync(
    out,
    JSON.stringify({ rows: prepared.E, features: prepared.F, ms, embedding: { dims: 2, coords } }),
  );
  console.log(JSON.stringify({ rows: prepared.E, features: prepared.F, ms: Math.round(ms) }));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
