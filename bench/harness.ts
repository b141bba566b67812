// The benchmark harness: `lava explain` against the numpy reference, our UMAP against umap-learn, a scaling series; writes bench/results.md.
// Never part of `npm test`. Runs alternate ours / theirs so that a change of machine load hits both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TIME_BIN } from './measure';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { CACHE_DIR, digitsSet, ensureDirs, fashionFile, fashionSet, plantedSet } from './datasets';
import { moduleAgreement } from './stats';
import { readAnyResult } from './readResult';
import { loadNow, machineInfo, renderReport, type CompareRow, type HostRow, type Machine, type ScalingRow, type UmapRow } from './report';
import { compare, compareUmap, log, PYTHON, REFERENCE, ROOT, scaling, SETTINGS, type ResultJson } from './runs';

/** Why the 70k rows have no reference run: its NMF holds A dense (2,100 localities x 613,872 sign-split pairs in float64). */
const NO_REFERENCE_70K = 'its dense A alone would be 10.3 GB (2,100 x 613,872 float64)';

function preflight(opts: BenchOptions): string[] {
  const problems: string[] = [];
  if (!existsSync(TIME_BIN)) problems.push(`${TIME_BIN} is missing: apt-get install -y time`);
  if (!existsSync(PYTHON)) problems.push(`${PYTHON} is missing`);
  if (!existsSync(REFERENCE)) problems.push(`${REFERENCE} is missing`);
  if (opts.build) {
    log('building dist/ (node scripts/build.mjs)');
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) problems.push('the build failed');
  }
  // not fatal: the reference side and the data preparation still run, and our failures are listed
  if (!existsSync(join(ROOT, 'dist/cli.js')))
    log('bench: warning: dist/cli.js is missing (npm run build); our runs will fail');
  return problems;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  if (parsed === 'help') {
    log(USAGE);
    return;
  }
  const opts = parsed;
  ensureDirs(ROOT);
  if (opts.rerender) {
    rerender(opts);
    return;
  }
  const problems = preflight(opts);
  if (problems.length) {
    for (const p of problems) console.error(`bench: ${p}`);
    process.exit(2);
  }
  const started = new Date();
  const machine = machineInfo(ROOT, PYTHON);
  log(`${machine.cpu}, ${machine.cores} cores; load average ${machine.loadStart}`);
  const compareRows: CompareRow[] = [];
  const umapRows: UmapRow[] = [];
  let scalingRows: ScalingRow[] = [];
  const problemsLater: string[] = [];
  const attempt = async (what: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      problemsLater.push(`${what}: ${(e as Error).message}`);
      log(`  ${what} skipped: ${(e as Error).message}`);
    }
  };
  if (opts.sets.has('planted')) {
    const set = opts.quick
      ? await plantedSet(ROOT, 'planted5k', 5, 5000, 40)
      : await plantedSet(ROOT, 'planted20k', 0, 20000, 60);
    compareRows.push(await compare(set, opts.runs, true, opts));
  }
  if (opts.sets.has('digits'))
    await attempt(
      'digits',
      async () =>
        void compareRows.push(await compare(await digitsSet(ROOT, opts.timeoutMs), opts.runs, true, opts)),
    );
  for (const m of [256, 784] as const) {
    if (opts.sets.has(`fashion${m}`))
      await attempt(
        `fashion ${m}`,
        async () =>
          void compareRows.push(
            await compare(await fashionSet(ROOT, m, opts.timeoutMs), opts.runs, true, opts),
          ),
      );
  }
  if (opts.sets.has('fashion70k'))
    await attempt('fashion 70k', async () => {
      // all 784 pixels, at lava's default (k by stability) and at the bench's fixed k
      const set = await fashionSet(ROOT, 784, opts.timeoutMs, 70000);
      for (const modules of ['auto', SETTINGS.k] as const)
        compareRows.push(
          await compare(
            { ...set, name: `${set.name}-${modules === 'auto' ? 'auto' : `k${modules}`}`, modules },
            opts.runs,
            NO_REFERENCE_70K,
            opts,
          ),
        );
    });
  if (opts.sets.has('scaling')) scalingRows = await scaling(opts);
  if (opts.sets.has('umap-digits'))
    await attempt(
      'umap digits',
      async () => void umapRows.push(await compareUmap('digits', 'examples/digits.csv', 256, opts)),
    );
  // Fashion-MNIST 10k, and all 70,000 images (train + test) unless --quick
  for (const rows of opts.quick ? [10000] : [10000, 70000])
    if (opts.sets.has('umap-fashion'))
      await attempt(
        `umap fashion ${rows / 1000}k`,
        async () =>
          void umapRows.push(await compareUmap(`fashion${rows / 1000}k`, fashionFile(ROOT, rows), 784, opts)),
      );
  let hostRow: HostRow | null = null;
  if (opts.sets.has('host'))
    await attempt('host', async () => {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'bench/hostEventLoop.ts', '--rows', opts.quick ? '20000' : '100000'],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
      hostRow = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as HostRow;
    });
  machine.loadEnd = loadNow();
  const saved = {
    argv: process.argv.slice(2),
    started,
    finished: new Date(),
    machine,
    compareRows,
    scalingRows,
    umapRows,
    hostRow,
    problems: problemsLater,
  };
  const md = renderReport({ ...saved, opts, settings: SETTINGS });
  mkdirSync(dirname(join(ROOT, opts.out)), { recursive: true });
  writeFileSync(join(ROOT, opts.out), md);
  writeFileSync(
    savedPath(opts.out),
    JSON.stringify({ ...saved, opts: { ...opts, sets: [...opts.sets] } } satisfies Saved, null, 1),
  );
  log('\n' + md);
  log(`written to ${opts.out}`);
}

/** What a run keeps beside its table, so that the table can be rewritten (--rerender) without running again. */
interface Saved {
  opts: Omit<BenchOptions, 'sets'> & { sets: string[] };
  argv: string[];
  started: string | Date;
  finished: string | Date;
  machine: Machine;
  compareRows: CompareRow[];
  scalingRows: ScalingRow[];
  umapRows: UmapRow[];
  hostRow?: HostRow | null;
  problems: string[];
}

function savedPath(out: string): string {
  return join(ROOT, CACHE_DIR, basename(out).replace(/\.md$/, '') + '.json');
}

/** The first result file of a side that a run left in bench/.cache/runs/NAME/. */
function firstResult(name: string, side: 'ours' | 'ref'): ResultJson | null {
  for (let i = 0; i < 100; i++) {
    const f = join(ROOT, CACHE_DIR, 'runs', name, `${side}-${i}.json`);
    if (existsSync(f)) return readAnyResult<ResultJson>(f);
  }
  return null;
}

function rerender(opts: BenchOptions): void {
  const file = savedPath(opts.out);
  if (!existsSync(file)) throw new Error(`--rerender: no saved run at ${file}`);
  const s = JSON.parse(readFileSync(file, 'utf8')) as Saved;
  for (const row of s.compareRows) {
    const o = firstResult(row.set.name, 'ours');
    const r = firstResult(row.set.name, 'ref');
    if (o && r) row.agreement = moduleAgreement(r.modules, o.modules);
  }
  const runOpts: BenchOptions = {
    ...s.opts,
    sets: new Set(s.opts.sets) as BenchOptions['sets'],
    out: opts.out,
    rerender: false,
  };
  const md = renderReport({
    opts: runOpts,
    argv: s.argv,
    started: new Date(s.started),
    finished: new Date(s.finished),
    machine: s.machine,
    settings: SETTINGS,
    compareRows: s.compareRows,
    scalingRows: s.scalingRows,
    umapRows: s.umapRows,
    hostRow: s.hostRow ?? null,
    problems: s.problems ?? [],
  });
  writeFileSync(join(ROOT, opts.out), md);
  log(md);
  log(`rewritten from ${file} to ${opts.out}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
