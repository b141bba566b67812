// CLI for planted-module data sets: npx tsx scripts/planted.ts SEED OUT.csv TRUTH.json [--samples E] [--features F] [--blobs G] [--modules M] [--rho R]
import { writeFileSync } from 'node:fs';
import { DEFAULT_PLANTED, writePlanted, type PlantedOptions } from '../fixtures/planted';

const usage =
  'usage: planted.ts SEED OUT.csv TRUTH.json [--samples E] [--features F] [--blobs G] [--modules M] [--rho R]';

async function main(argv: string[]): Promise<void> {
  const positional: string[] = [];
  const options: PlantedOptions = { ...DEFAULT_PLANTED };
  const flags: Record<string, keyof PlantedOptions> = {
    '--samples': 'samples',
    '--features': 'features',
    '--blobs': 'blobs',
    '--modules': 'modules',
    '--rho': 'rho',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a in flags) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number\n${usage}`);
      options[flags[a]] = v;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${usage}`);
    else positional.push(a);
  }
  if (positional.length !== 3 || !Number.isInteger(Number(positional[0]))) throw new Error(usage);
  const [seed, out, truthPath] = positional;
  const truth = await writePlanted(Number(seed), out, options);
  writeFileSync(truthPath, JSON.stringify(truth));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
