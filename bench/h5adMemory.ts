// Peak memory of reading a large sparse .h5ad for LAVA (not a test): stats of every gene in one pass, then
// the dense block of the 256 most variable. Measured with /usr/bin/time -v around a child process.
//   node --import tsx bench/h5adMemory.ts [FILE.h5ad]
// Without FILE it writes /tmp/lava-bench/sparse-100k-20k.h5ad first (100k cells x 20k genes, ~5% non-zero;
// bench/write_sparse_h5ad.py, needs python3-anndata). Target: peak RSS under 2 GB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readH5ad } from '../src/engine/read/h5ad/h5ad';
import { h5wasm } from '../src/engine/read/h5ad/h5file';

const KEEP = 256;

async function child(file: string): Promise<void> {
  const t0 = Date.now();
  const ds = await readH5ad(file);
  const m = ds.matrix;
  if (m === null) throw new Error('no matrix');
  const t1 = Date.now();
  const s = await m.stats();
  const t2 = Date.now();
  const order = Array.from({ length: m.cols }, (_, j) => j).sort(
    (a, b) => s.variance[b] - s.variance[a] || a - b,
  );
  const keep = order.slice(0, KEEP).sort((a, b) => a - b);
  const block = await m.block(keep);
  const t3 = Date.now();
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i];
  console.log(`${m.source}: ${m.rows} x ${m.cols}; block ${m.rows} x ${keep.length} (sum ${sum.toFixed(0)})`);
  console.log(`open+obs ${t1 - t0} ms, stats ${t2 - t1} ms, block ${t3 - t2} ms`);
  // Where the memory is at the end: JS heap, typed arrays (the block, h5wasm's wasm memory) and the rest.
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
