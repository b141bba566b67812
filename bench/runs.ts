// One comparison of the bench: ours and a peer on the same file, alternating, summarised (module agreement, planted score).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measure, type Measured } from './measure';
import type { BenchOptions } from './options';
import { CACHE_DIR, plantedSet, type DataSet } from './datasets';
import { moduleAgreement } from './stats';
import { readAnyResult } from './readResult';
import type { CompareRow, ScalingRow, SideRuns, UmapRow } from './report';
import { scorePlanted } from '../fixtures/scorePlanted';
import type { PlantedTruth } from '../fixtures/planted';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PYTHON = '/usr/bin/python3';
/** Our numpy / scikit-learn reference of docs/method.md (bench/reference/). */
export const REFERENCE = join(ROOT, 'bench/reference/lava_ref.py');
/** The method's settings, the same on both sides. */
export const SETTINGS = { n: 100, o: 3, k: 8, seed: 0 };

export interface ModuleJson {
  pairs: { a: string; b: string; r: number }[];
  activity: ArrayLike<number>;
}
export interface ResultJson {
  modules: ModuleJson[];
  timings?: Record<string, number>;
  /** Ours: the k the run used (chosen by stability under "auto"). */
  moduleSelection?: { chosen: number };
}

export function log(s: string): void {
  process.stdout.write(s + '\n');
}

function emptySide(): SideRuns {
  return { wallMs: [], rssKb: [], cpuS: [], failures: [], timings: [], result: null };
}

function lastLine(s: string): string {
  return s.trim().split('\n').pop() ?? '';
}

/** The line of a failed run's stderr that says why: the first naming an error, else the last that is not Node's version banner or a stack frame. */
function errorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^Node\.js v/.test(l));
  return (lines.find((l) => /error|Error|Traceback|Killed/.test(l)) ?? lines.pop() ?? '').slice(0, 200);
}

function record(side: SideRuns, r: Measured, out: string, label: string): ResultJson | null {
  const ok = r.code === 0 && existsSync(out);
  if (!ok) {
    const why = r.timedOut ? 'timed out' : `exit ${r.code ?? 'signal'}: ${errorLine(r.stderr)}`;
    side.failures.push(why);
    log(`    ${label}: FAILED (${why})`);
    return null;
  }
  side.wallMs.push(r.wallMs);
  side.rssKb.push(r.peakRssKb);
  side.cpuS.push(r.cpuS);
  const res = readAnyResult<ResultJson>(out);
  log(
    `    ${label}: ${(r.wallMs / 1000).toFixed(2)} s (CPU ${r.cpuS.toFixed(1)} s), ${(r.peakRssKb / 1024).toFixed(0)} MB; load ${loadavg()[0].toFixed(1)}`,
  );
  return res;
}

function oursArgs(set: DataSet, out: string, opts: BenchOptions): string[] {
  const sample = opts.directSample === undefined ? [] : ['--direct-sample', String(opts.directSample)];
  const prune =
    opts.minPairLocalities === undefined ? [] : ['--min-pair-localities', String(opts.minPairLocalities)];
  return [
    'bin/lava.js',
    'explain',
    set.file,
    '--embedding',
    set.embedding.join(','),
    '--neighbors',
    String(SETTINGS.n),
    '--overlap',
    String(SETTINGS.o),
    '--modules',
    String(set.modules ?? SETTINGS.k),
    '--seed',
    String(SETTINGS.seed),
    '--max-features',
    String(set.maxFeatures),
    '--out',
    out,
    ...sample,
    ...prune,
    '--no-config',
    '--quiet',
  ];
}

export function refArgs(set: Pick<DataSet, 'file' | 'embedding' | 'maxFeatures'>, out: string): string[] {
  return [
    REFERENCE,
    set.file,
    out,
    '--emb',
    set.embedding.join(','),
    '--n',
    String(SETTINGS.n),
    '--o',
    String(SETTINGS.o),
    '--k',
    String(SETTINGS.k),
    '--seed',
    String(SETTINGS.seed),
    '--max-features',
    String(set.maxFeatures),
  ];
}

/** The reference prints cumulative seconds per step; per-step milliseconds make it comparable to our timings. */
function refTimings(stdout: string): Record<string, number> {
  try {
    const t = (JSON.parse(lastLine(stdout)) as { timings: Record<string, number> }).timings;
    const out: Record<string, number> = {};
    let prev = 0;
    for (const [k, v] of Object.entries(t)) {
      out[k] = Math.round((v - prev) * 1000);
      prev = v;
    }
    out.total = Math.round(prev * 1000);
    return out;
  } catch {
    return {};
  }
}

function runDir(name: string): string {
  const d = join(CACHE_DIR, 'runs', name);
  mkdirSync(join(ROOT, d), { recursive: true });
  return d;
}

/** Ours and the reference on one set, A B A B; `withRef` false runs ours alone, and a string says why
 * (the row then goes to the table of our runs alone). */
export async function compare(
  given: DataSet,
  runs: number,
  withRef: boolean | string,
  opts: BenchOptions,
): Promise<CompareRow> {
  // a pruned run is another row (and run directory) than the unpruned one
  const set =
    opts.minPairLocalities === undefined
      ? given
      : { ...given, name: `${given.name}-mpl${opts.minPairLocalities}` };
  log(
    `\n${set.name}: ${set.rows} x ${set.features}, max features ${set.maxFeatures}, embedding ${set.embedding.join(',')}`,
  );
  const dir = runDir(set.name);
  const ours = emptySide();
  const ref = emptySide();
  for (let i = 0; i < runs; i++) {
    const oOut = join(dir, `ours-${i}.json`);
    rmSync(join(ROOT, oOut), { force: true });
    const ro = await measure(process.execPath, oursArgs(set, oOut, opts), {
      cwd: ROOT,
      timeoutMs: opts.timeoutMs,
    });
    const resO = record(ours, ro, join(ROOT, oOut), `ours run ${i + 1}`);
    if (resO) {
      ours.timings.push(resO.timings ?? {});
      ours.result ??= resO;
      if (resO.moduleSelection) ours.chosenK = [...(ours.chosenK ?? []), resO.moduleSelection.chosen];
    }
    if (withRef !== true) continue;
    const rOut = join(dir, `ref-${i}.json`);
    rmSync(join(ROOT, rOut), { force: true });
    const rr = await measure(PYTHON, refArgs(set, rOut), { cwd: ROOT, timeoutMs: opts.timeoutMs });
    const resR = record(ref, rr, join(ROOT, rOut), `reference run ${i + 1}`);
    if (resR) {
      ref.timings.push(refTimings(rr.stdout));
      ref.result ??= resR;
    }
  }
  const row: CompareRow = { set, ours, ref, agreement: null, plantedOurs: null, plantedRef: null };
  if (typeof withRef === 'string') row.alone = withRef;
  if (ours.result && ref.result) row.agreement = moduleAgreement(ref.result.modules, ours.result.modules);
  if (set.truth) {
    const truth = JSON.parse(readFileSync(join(ROOT, set.truth), 'utf8')) as PlantedTruth;
    if (ours.result)
      row.plantedOurs = scorePlanted(ours.result, truth).recovered + `/${truth.modules.length}`;
    if (ref.result) row.plantedRef = scorePlanted(ref.result, truth).recovered + `/${truth.modules.length}`;
  }
  // the JSON results are large and no longer needed once summarised
  ours.result = null;
  ref.result = null;
  return row;
}

/** Our UMAP step against umap-learn's second fit in one process, alternating, both at their default settings
 * (umap-learn's epochs: 500 up to 10,000 rows, else 200; ours: 200); 15-NN preservation of both. */
export async function compareUmap(
  name: string,
  file: string,
  maxFeatures: number,
  opts: BenchOptions,
): Promise<UmapRow> {
  log(`\numap ${name}: ${file}`);
  const dir = runDir(`umap-${name}`);
  const row: UmapRow = {
    name,
    file,
    oursMs: [],
    theirsMs: [],
    theirsFirstMs: [],
    oursRssKb: [],
    theirsRssKb: [],
    oursPres: [],
    theirsPres: [],
    oursCpuS: [],
    theirsCpuS: [],
    failures: [],
  };
  for (let i = 0; i < opts.runs; i++) {
    const oOut = join(dir, `ours-${i}.json`);
    rmSync(join(ROOT, oOut), { force: true });
    const ro = await measure(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/ourUmap.ts',
        file,
        oOut,
        '--max-features',
        String(maxFeatures),
        '--seed',
        String(SETTINGS.seed),
      ],
      {
        cwd: ROOT,
        timeoutMs: opts.timeoutMs,
      },
    );
    if (ro.code !== 0 || !existsSync(join(ROOT, oOut))) {
      row.failures.push(`ours: ${errorLine(ro.stderr)}`);
      log(`    ours run ${i + 1}: FAILED ${errorLine(ro.stderr)}`);
      continue;
    }
    const ours = JSON.parse(readFileSync(join(ROOT, oOut), 'utf8')) as { ms: number; cpuMs: number };
    row.oursMs.push(ours.ms);
    row.oursCpuS?.push(ours.cpuMs / 1000);
    row.oursRssKb.push(ro.peakRssKb);
    log(
      `    ours run ${i + 1}: UMAP ${(ours.ms / 1000).toFixed(2)} s, CPU ${(ours.cpuMs / 1000).toFixed(1)} s (process ${(ro.wallMs / 1000).toFixed(1)} s, ${(ro.peakRssKb / 1024).toFixed(0)} MB); load ${loadavg()[0].toFixed(1)}`,
    );
    const tOut = join(dir, `umap-learn-${i}.json`);
    rmSync(join(ROOT, tOut), { force: true });
    const rt = await measure(
      PYTHON,
      ['bench/umap_learn.py', file, tOut, '--ours', oOut, '--neighbors', '15', '--min-dist', '0.1'],
      {
        cwd: ROOT,
        timeoutMs: opts.timeoutMs,
      },
    );
    if (rt.code !== 0 || !existsSync(join(ROOT, tOut))) {
      row.failures.push(`umap-learn: ${errorLine(rt.stderr)}`);
      log(`    umap-learn run ${i + 1}: FAILED ${errorLine(rt.stderr)}`);
      continue;
    }
    const t = JSON.parse(readFileSync(join(ROOT, tOut), 'utf8')) as {
      first_fit_s: number;
      second_fit_s: number;
      second_fit_cpu_s: number;
      preservation: number;
      ours_preservation: number;
    };
    row.theirsMs.push(t.second_fit_s * 1000);
    row.theirsFirstMs.push(t.first_fit_s * 1000);
    row.theirsCpuS?.push(t.second_fit_cpu_s);
    row.theirsRssKb.push(rt.peakRssKb);
    row.theirsPres.push(t.preservation);
    row.oursPres.push(t.ours_preservation);
    log(
      `    umap-learn run ${i + 1}: second fit ${t.second_fit_s.toFixed(2)} s, CPU ${t.second_fit_cpu_s.toFixed(1)} s (first ${t.first_fit_s.toFixed(1)} s), ${(rt.peakRssKb / 1024).toFixed(0)} MB; ` +
        `15-NN preservation ours ${t.ours_preservation.toFixed(3)}, umap-learn ${t.preservation.toFixed(3)}`,
    );
  }
  return row;
}

export async function scaling(opts: BenchOptions): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const n of opts.scalingRows) {
    const set = await plantedSet(ROOT, `planted${n / 1000}k-50`, 100 + n / 1000, n, 50);
    const r = await compare(set, opts.scalingRuns, n <= opts.refScalingMax, opts);
    rows.push({
      rows: n,
      ours: r.ours,
      ref: r.ref,
      refRan: n <= opts.refScalingMax,
      plantedOurs: r.plantedOurs,
    });
  }
  return rows;
}
