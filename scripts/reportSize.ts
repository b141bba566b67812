// Measures what a report adds to its result (the bound: at most 1 MB more), on digits and on a planted
// 20,000-row x 60-feature set (the bench's planted20k: seed 0, 8 blobs, 5 modules). Needs a build.
//   node --import tsx scripts/reportSize.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writePlanted } from '../fixtures/planted';

const ROOT = resolve(__dirname, '..');
const lava = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lava.js'), ...args, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lava ${args.join(' ')}: ${r.stderr}`);
};

function measure(name: string, data: string, dir: string): void {
  const result = join(dir, `${name}.lava.json`);
  const report = join(dir, `${name}.report.html`);
  lava(['explain', data, '--out', result]);
  lava(['report', result, '--out', report]);
  const [r, h] = [statSync(result).size, statSync(report).size];
  console.log(`${name}: result ${r} bytes, report ${h} bytes, report - result ${h - r} bytes (bound 1000000)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lava-report-size-'));
  try {
    measure('digits', join(ROOT, 'examples/digits.csv'), dir);
    const planted = join(dir, 'planted20k.csv');
    await writePlanted(0, planted, { samples: 20000, features: 60, blobs: 8, modules: 5 });
    measure('planted20k', planted, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
