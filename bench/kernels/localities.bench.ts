// Times Step 1 (buildLocalities) on a CSV's embedding columns, or on synthetic blobs of E rows.
// Run: node --import tsx bench/kernels/localities.bench.ts /tmp/p.csv x,y     (planted file, reference peer)
//      node --import tsx bench/kernels/localities.bench.ts --synthetic 200000
import { readFileSync } from 'node:fs';
import { buildLocalities } from '../../src/engine/localities/localities';
import { seededUniform } from '../../src/engine/random';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';

function readColumns(path: string, names: string[]): { Z: Float64Array; E: number } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const head = lines[0].split(',');
  const cols = names.map((n) => head.indexOf(n));
  if (cols.some((c) => c < 0)) throw new Error(`columns ${names.join(',')} not all in ${path}`);
  const E = lines.length - 1;
  const Z = new Float64Array(E * names.length);
  for (let i = 0; i < E; i++) {
    const cells = lines[i + 1].split(',');
    cols.forEach((c, j) => (Z[i * names.length + j] = Number(cells[c])));
  }
  return { Z, E };
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

const args = process.argv.slice(2);
const { Z, E } =
  args[0] === '--synthetic'
    ? { Z: blobs(Number(args[1])), E: Number(args[1]) }
    : readColumns(args[0], (args[1] ?? 'x,y').split(','));
async function main(): Promise<void> {
  const t0 = performance.now();
  const u0 = process.cpuUsage();
  const loc = await buildLocalities(Z, E, 2, DEFAULT_PARAMS);
  const s = (performance.now() - t0) / 1000;
  const u = process.cpuUsage(u0);
  const cpu = (u.user + u.system) / 1e6;
  console.log(
    JSON.stringify({
      E,
      localities: loc.count,
      alpha: loc.alpha,
      beta: loc.beta,
      objective: loc.objective,
      evaluations: loc.evaluations,
      seconds: +s.toFixed(3),
      cpuSeconds: +cpu.toFixed(3),
    }),
  );
}

void main();
