// Times Step 1 (buildLocalities) on a CSV's embedding columns, or on synthetic blobs of E rows: CPU seconds (this
// process's user + system, so a loaded machine inflates them less than wall time), peak RSS, the chosen (alpha, beta)
// and J. With --direct-sample S the DIRECT search runs on S rows (0 = all rows); --both runs the exact search too.
// Run: node --import tsx bench/kernels/localities.bench.ts bench/data/planted1000k-50.csv x,y --direct-sample 50000 --both
//      node --import tsx bench/kernels/localities.bench.ts --synthetic 200000
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildLocalities } from '../../src/engine/localities/localities';
import { seededUniform } from '../../src/engine/random';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';

/** The named columns, streamed line by line (a million-row CSV is too big for one string). */
async function readColumns(path: string, names: string[]): Promise<{ Z: Float64Array; E: number }> {
  const values: number[] = [];
  let cols: number[] | null = null;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (line.length === 0) continue;
    const cells = line.split(',');
    if (cols === null) {
      cols = names.map((n) => cells.indexOf(n));
      if (cols.some((c) => c < 0)) throw new Error(`columns ${names.join(',')} not all in ${path}`);
      continue;
    }
    for (const c of cols) values.push(Number(cells[c]));
  }
  return { Z: Float64Array.from(values), E: values.length / names.length };
}

function blobs(E: number): Float64Array {
  const r = seededUniform(1, 3);
  const Z = new Float64Array(E * 2);
  for (let i = 0; i < E; i++) {
    const b = Math.floor(r() * 12);
    const s = 0.3 + (b % 3) * 0.4;
    Z[2 * i] = (b % 4) * 6 + (r() + r() + r() - 1.5) * s;
    Z[2 * i + 1] = Math.floor(b / 4) * 6 + (r() + r() + r() - 1.5) * s;
  }
  return Z;
}

/** One buildLocalities run: its CPU seconds, the chosen pair, its exact J and the best J the search saw. */
async function timed(Z: Float64Array, E: number, directSample: number | undefined): Promise<Record<string, unknown>> {
  let searchJ = Infinity;
  const u0 = process.cpuUsage();
  const loc = await buildLocalities(
    Z,
    E,
    2,
    { ...DEFAULT_PARAMS, directSample },
    {
      onEvaluation: (e) => {
        searchJ = Math.min(searchJ, e.J);
      },
    },
  );
  const u = process.cpuUsage(u0);
  return {
    directSample: directSample ?? 'default',
    localities: loc.count,
    alpha: loc.alpha,
    beta: loc.beta,
    exactJ: loc.objective,
    searchJ,
    evaluations: loc.evaluations,
    cpuSeconds: +((u.user + u.system) / 1e6).toFixed(2),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const { Z, E } =
    args[0] === '--synthetic'
      ? { Z: blobs(Number(args[1])), E: Number(args[1]) }
      : await readColumns(args[0], (args[1] ?? 'x,y').split(','));
  const sample = flag('--direct-sample');
  const runs = [sample === undefined ? undefined : Number(sample)];
  if (args.includes('--both')) runs.push(0);
  for (const s of runs) {
    const r = await timed(Z, E, s);
    console.log(JSON.stringify({ E, ...r, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  }
}

void main();
