// Peak memory of reading a large sparse .h5ad for LAVA (not a test): the run's read and prepare steps, which
// take stats of every gene in one pass, then the dense block of the 256 most variable. Measured with
// /usr/bin/time -v around a child process.
//   node --import tsx bench/h5adMemory.ts [FILE.h5ad]
// Without FILE it writes /tmp/lava-bench/sparse-100k-20k.h5ad first (100k cells x 20k genes, ~5% non-zero;
// bench/write_sparse_h5ad.py, needs python3-anndata). Target: peak RSS under 2 GB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { h5wasm } from '../src/engine/read/h5ad/h5file';
import { readInputs } from '../src/engine/read/readInputs';
import { prepare } from '../src/engine/prepare/prepare';
import { DEFAULT_PARAMS, type LavaParams } from '../src/shared/params/types';

const KEEP = 256;

async function child(file: string): Promise<void> {
  const t0 = Date.now();
  // The run's own read and prepare steps: stats of every gene in one pass, then the block of the kept ones.
  const params: LavaParams = { ...DEFAULT_PARAMS, maxFeatures: KEEP };
  const inputs = await readInputs(file, params);
  const t1 = Date.now();
  const p = await prepare(inputs, params);
  const t2 = Date.now();
  let sum = 0;
  for (let i = 0; i < p.X.length; i++) sum += p.X[i];
  console.log(`${inputs.data.matrix?.source}: ${inputs.data.rowCount} rows; X ${p.E} x ${p.F} (sum ${sum.toFixed(0)})`);
  console.log(`read (obs, obsm choice) ${t1 - t0} ms, prepare (stats + block) ${t2 - t1} ms`);
  // Where the memory is at the end: JS heap, typed arrays (X, Z, h5wasm's wasm memory) and the rest.
  const mu = process.memoryUsage();
  const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MiB`;
  const wasm = (await h5wasm()).Module.HEAPU8.length;
  console.log(
    `rss ${mb(mu.rss)}, heap ${mb(mu.heapUsed)}, array buffers ${mb(mu.arrayBuffers)}, h5wasm memory ${mb(wasm)}`,
  );
}

function parent(file: string): void {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const py = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const w = spawnSync(py, [join(__dirname, 'write_sparse_h5ad.py'), file], { stdio: 'inherit' });
    if (w.status !== 0) process.exit(w.status ?? 1);
  }
  console.log(`file ${file}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, '--import', 'tsx', __filename, '--child', file],
    { encoding: 'utf8' },
  );
  process.stdout.write(r.stdout);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(r.stderr);
  if (r.status !== 0 || rss === null) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  const mib = Number(rss[1]) / 1024;
  console.log(`peak RSS ${mib.toFixed(0)} MiB (target < 2048), wall ${wall?.[1] ?? '?'}`);
}

const args = process.argv.slice(2);
if (args[0] === '--child') void child(args[1]);
else parent(args[0] ?? '/tmp/lava-bench/sparse-100k-20k.h5ad');
