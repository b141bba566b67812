// The bench's markdown report: the machine, the settings, and one table per comparison, each row marked against its target.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { BenchOptions } from './options';
import type { DataSet } from './datasets';
import { fitExponent, median, type Agreement } from './stats';

export interface SideRuns {
  wallMs: number[];
  rssKb: number[];
  cpuS: number[];
  failures: string[];
  timings: Record<string, number>[];
  /** Ours: the k of each successful run (chosen by stability under "auto"). */
  chosenK?: number[];
  /** The first successful run's result, while it is being summarised. */
  result: { modules: { pairs: { a: string; b: string; r: number }[]; activity: ArrayLike<number> }[] } | null;
}

export interface CompareRow {
  set: DataSet;
  ours: SideRuns;
  ref: SideRuns;
  agreement: Agreement | null;
  plantedOurs: string | null;
  plantedRef: string | null;
  /** Set when the reference was not run, saying why: the row goes to the table of our runs alone. */
  alone?: string;
}

export interface ScalingRow {
  rows: number;
  ours: SideRuns;
  ref: SideRuns;
  refRan: boolean;
  plantedOurs: string | null;
}

export interface UmapRow {
  name: string;
  file: string;
  oursMs: number[];
  theirsMs: number[];
  theirsFirstMs: number[];
  oursRssKb: number[];
  theirsRssKb: number[];
  oursPres: number[];
  theirsPres: number[];
  /** CPU seconds of every thread (absent in runs saved before they were measured). */
  oursCpuS?: number[];
  theirsCpuS?: number[];
  failures: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memGb: number;
  os: string;
  node: string;
  python: string;
  commit: string;
  loadStart: string;
  /** Load average when the last run ended (set by the harness). */
  loadEnd?: string;
}

/** Targets of the issue: each table row is marked against these. */
export const TARGETS = {
  timeRatio: 0.5,
  agreement: 0.9,
  memLimitKb: 4e9 / 1024,
  /** Issue 10's paper-scale runs (Fashion-MNIST 70k x 784, 1M planted rows): end to end. */
  paperScaleS: 120,
  exponent: 1.1,
  umapRatio: 1.0,
  preservationSlack: 0.02,
};

const OK = '✅';
const NO = '❌';

function mark(pass: boolean | null): string {
  return pass === null ? '–' : pass ? OK : NO;
}

export function machineInfo(root: string, python: string): Machine {
  const c = cpus();
  const py = spawnSync(
    python,
    [
      '-c',
      'import sys, importlib.metadata as m\n' +
        'def v(p):\n' +
        '  try: return m.version(p)\n' +
        '  except Exception: return "-"\n' +
        "print(f\"Python {sys.version.split()[0]}, numpy {v('numpy')}, scipy {v('scipy')}, scikit-learn {v('scikit-learn')}, umap-learn {v('umap-learn')}\")",
    ],
    { encoding: 'utf8' },
  );
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  const commit =
    git.status === 0
      ? git.stdout.trim() + (dirty.stdout.trim() ? ' plus uncommitted changes' : '')
      : 'unknown';
  return {
    cpu: c[0]?.model.trim() ?? 'unknown CPU',
    cores: c.length,
    memGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `Linux ${release()}`,
    node: process.version,
    python: py.status === 0 ? py.stdout.trim() : 'python: not found',
    commit,
    loadStart: loadNow(),
  };
}

export function loadNow(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function sec(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  return s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : s.toFixed(0);
}

function mb(kb: number): string {
  return Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '–';
}

function fixed(x: number | null | undefined, d = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);
}

/** Median of each step over runs, e.g. "read 120 · localities 800 · …" in ms. */
function steps(t: Record<string, number>[]): string {
  if (t.length === 0) return '–';
  const keys = Object.keys(t[0]).filter((k) => k !== 'total');
  return keys.map((k) => `${k} ${Math.round(median(t.map((x) => x[k])))}`).join(' · ');
}

function failures(side: SideRuns): string {
  return side.failures.length ? ` (${side.failures.length} failed)` : '';
}

function compareTable(rows: CompareRow[]): string[] {
  const out = [
    '| data set | rows × features (max kept) | ours median s | reference median s | ours / ref | ours peak MB | ref peak MB | mean best cos (min; mass-weighted) | planted recovered ours / ref | targets: time ≤ 0.5× · cos ≥ 0.9 · mem ≤ ref |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
  ];
  for (const r of rows) {
    const o = median(r.ours.wallMs);
    const f = median(r.ref.wallMs);
    const ratio = o / f;
    const om = Math.max(...r.ours.rssKb);
    const fm = Math.max(...r.ref.rssKb);
    const cos = r.agreement?.mean ?? NaN;
    const t1 = Number.isFinite(ratio) ? ratio <= TARGETS.timeRatio : null;
    const t2 = Number.isFinite(cos) ? cos >= TARGETS.agreement : null;
    const t3 = Number.isFinite(om) && Number.isFinite(fm) ? om <= fm : null;
    out.push(
      `| ${r.set.name} | ${r.set.rows} × ${r.set.features} (${r.set.maxFeatures}) | ${sec(o)}${failures(r.ours)} | ${sec(f)}${failures(r.ref)} | ${fixed(ratio, 2)} | ${mb(om)} | ${mb(fm)} | ` +
        `${fixed(cos)} (${fixed(r.agreement?.min)}; ${fixed(r.agreement?.weighted)}) | ${r.plantedOurs ?? '–'} / ${r.plantedRef ?? '–'} | ${mark(t1)} ${mark(t2)} ${mark(t3)} |`,
    );
  }
  out.push(
    '',
    "Per-step times, median ms (ours: the result's `timings`; reference: its printed step times):",
    '',
  );
  for (const r of rows) {
    const cpu = `CPU s (user + sys, median) ours ${fixed(median(r.ours.cpuS), 1)}, reference ${fixed(median(r.ref.cpuS), 1)}`;
    out.push(`- ${r.set.name}: ours ${steps(r.ours.timings)}; reference ${steps(r.ref.timings)}; ${cpu}`);
  }
  return out;
}

/** Our runs with no reference beside them (it cannot run at their size): wall, CPU, memory, k, each step. */
function aloneTable(rows: CompareRow[]): string[] {
  const out = [
    `| data set | rows × features (max kept) | modules (k used) | ours median s | ours CPU s | ours peak MB | reference | targets: ≤ ${TARGETS.paperScaleS} s · < 4 GB |`,
    '| --- | --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of rows) {
    const o = median(r.ours.wallMs);
    const om = Math.max(...r.ours.rssKb);
    const ks = [...new Set(r.ours.chosenK ?? [])].join(', ') || '–';
    out.push(
      `| ${r.set.name} | ${r.set.rows} × ${r.set.features} (${r.set.maxFeatures}) | ${r.set.modules ?? 'fixed'} (${ks}) | ${sec(o)}${failures(r.ours)} | ${fixed(median(r.ours.cpuS), 1)} | ${mb(om)} | not run: ${r.alone ?? ''} | ` +
        `${mark(Number.isFinite(o) ? o <= TARGETS.paperScaleS * 1000 : null)} ${mark(Number.isFinite(om) ? om < TARGETS.memLimitKb : null)} |`,
    );
  }
  out.push('', "Per-step times, median ms (the result's `timings`):", '');
  for (const r of rows) out.push(`- ${r.set.name}: ${steps(r.ours.timings)}`);
  return out;
}

function scalingTable(rows: ScalingRow[]): string[] {
  const out = [
    '| rows | ours median s | ours engine total s | ours localities s | ours CPU s | ours peak MB | reference median s | reference CPU s | reference peak MB | planted recovered (ours) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const total = median(r.ours.timings.map((t) => t.total));
    const localities = median(r.ours.timings.map((t) => t.localities));
    out.push(
      `| ${r.rows} | ${sec(median(r.ours.wallMs))}${failures(r.ours)} | ${sec(total)} | ${sec(localities)} | ${fixed(median(r.ours.cpuS), 1)} | ${mb(Math.max(...r.ours.rssKb))} | ${r.refRan ? sec(median(r.ref.wallMs)) + failures(r.ref) : 'not run'} | ${fixed(median(r.ref.cpuS), 1)} | ${r.refRan ? mb(Math.max(...r.ref.rssKb)) : '–'} | ${r.plantedOurs ?? '–'} |`,
    );
  }
  const n = rows.map((r) => r.rows);
  const bWall = fitExponent(
    n,
    rows.map((r) => median(r.ours.wallMs)),
  );
  const bTotal = fitExponent(
    n,
    rows.map((r) => median(r.ours.timings.map((t) => t.total))),
  );
  const bCpu = fitExponent(
    n,
    rows.map((r) => median(r.ours.cpuS)),
  );
  const refRows = rows.filter((r) => r.refRan);
  const bRef = fitExponent(
    refRows.map((r) => r.rows),
    refRows.map((r) => median(r.ref.wallMs)),
  );
  const largest = rows[rows.length - 1];
  const peak = largest ? Math.max(...largest.ours.rssKb) : NaN;
  const memOk = refRows.every((r) => !(Math.max(...r.ours.rssKb) > Math.max(...r.ref.rssKb)));
  out.push(
    '',
    `Fitted exponent of time vs rows (least squares on log-log): ours ${fixed(bWall, 2)} wall, ${fixed(bTotal, 2)} engine total, ${fixed(bCpu, 2)} CPU ${mark(Number.isFinite(bWall) ? bWall <= TARGETS.exponent : null)} (target ≤ ${TARGETS.exponent}); ` +
      `reference ${fixed(bRef, 2)} (${refRows.length} sizes).`,
    `Peak memory at ${largest?.rows ?? '–'} rows: ${mb(peak)} MB ${mark(Number.isFinite(peak) ? peak < TARGETS.memLimitKb : null)} (target < 4 GB); ours ≤ reference where both ran ${mark(refRows.length ? memOk : null)}.`,
  );
  return out;
}

function umapTable(rows: UmapRow[]): string[] {
  const out = [
    '| data set | ours UMAP median s | umap-learn second fit median s (first) | ours / umap-learn | CPU s ours / umap-learn | ours peak MB | umap-learn peak MB | 15-NN preservation ours | umap-learn | targets: time ≤ 1.0× · preservation ≥ umap-learn − 0.02 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const o = median(r.oursMs);
    const t = median(r.theirsMs);
    const po = median(r.oursPres);
    const pt = median(r.theirsPres);
    const ratio = o / t;
    out.push(
      `| ${r.name} | ${sec(o)} | ${sec(t)} (${sec(median(r.theirsFirstMs))}) | ${fixed(ratio, 2)} | ${fixed(median(r.oursCpuS ?? []), 1)} / ${fixed(median(r.theirsCpuS ?? []), 1)} | ${mb(Math.max(...r.oursRssKb))} | ${mb(Math.max(...r.theirsRssKb))} | ${fixed(po)} | ${fixed(pt)} | ` +
        `${mark(Number.isFinite(ratio) ? ratio <= TARGETS.umapRatio : null)} ${mark(Number.isFinite(po - pt) ? po >= pt - TARGETS.preservationSlack : null)} |`,
    );
  }
  return out;
}

/** What bench/hostEventLoop.ts prints. */
export interface HostRow {
  rows: number;
  features: number;
  runSeconds: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  replyCopyMs: number;
  replyListenerMs: number;
  afterRun: { resultMB: number; hostSerializeMs: number; storeMs: number };
}

export function renderReport(x: {
  opts: BenchOptions;
  argv: string[];
  started: Date;
  finished: Date;
  machine: Machine;
  settings: { n: number; o: number; k: number; seed: number };
  compareRows: CompareRow[];
  scalingRows: ScalingRow[];
  umapRows: UmapRow[];
  hostRow?: HostRow | null;
  problems: string[];
}): string {
  const m = x.machine;
  const s = x.settings;
  const out: string[] = [
    `# LAVA Explorer benchmarks${x.opts.quick ? ' (quick)' : ''}`,
    '',
    `- Date: ${x.started.toISOString().replace('T', ' ').slice(0, 16)} UTC, ${Math.round((x.finished.getTime() - x.started.getTime()) / 60000)} min`,
    `- Machine: ${m.cores} cores, ${m.cpu}, ${m.memGb} GB RAM, ${m.os}; load average at start ${m.loadStart}, at the end ${m.loadEnd ?? '–'} (others may share the machine)`,
    `- Node ${m.node}; ${m.python}`,
    ...(Number(m.loadStart.split(' ')[0]) > m.cores
      ? [
          `- **The machine was busy** (load ${m.loadStart.split(' ')[0]} on ${m.cores} cores at the start): wall times are inflated and noisy, and so are the CPU times of multi-threaded runs (OpenMP / BLAS / numba threads spin while they wait), which mostly hurts the Python side; rerun on a quiet machine before trusting a ratio.`,
        ]
      : []),
    `- Command: \`npm run bench${x.argv.length ? ' -- ' + x.argv.join(' ') : ''}\`; commit ${m.commit}`,
    `- Settings on both sides: n = ${s.n}, o = ${s.o}, k = ${s.k}, seed = ${s.seed}, embedding given; ${x.opts.runs} run(s) per side, alternating ours / reference; times are medians of the process wall time, memory the largest peak RSS (\`/usr/bin/time -v\`).`,
    `- Reference: \`/usr/bin/python3 bench/reference/lava_ref.py\` (docs/method.md in numpy, scipy's DIRECT, scikit-learn's KMeans and NMF). Module agreement: for each reference module, the best cosine of its signed pair pattern (its 200 strongest pairs) among our modules' 200 strongest; the mean (and the worst).`,
    '',
  ];
  const paired = x.compareRows.filter((r) => r.alone === undefined);
  const alone = x.compareRows.filter((r) => r.alone !== undefined);
  if (paired.length) out.push('## LAVA: ours vs the reference', '', ...compareTable(paired), '');
  if (alone.length)
    out.push(
      '## LAVA at paper scale: ours alone',
      '',
      'End to end (`lava explain`, embedding given: our UMAP of all rows, computed once and cached), at the settings above except the modules column.',
      '',
      ...aloneTable(alone),
      '',
    );
  if (x.scalingRows.length)
    out.push(
      `## Scaling: planted data, 50 features, ${x.opts.scalingRuns} run(s) per size`,
      '',
      ...scalingTable(x.scalingRows),
      '',
    );
  if (x.umapRows.length) {
    out.push(
      '## UMAP: ours vs umap-learn',
      '',
      'Both at their defaults as a user runs them: 15 neighbours, min_dist 0.1, all feature columns; epochs: ours 200, umap-learn 500 up to 10,000 rows, else 200. ' +
        'Ours: `computeUmap` (the `--umap` step) timed inside the process; CPU counts every thread. ' +
        'umap-learn: `UMAP()` as a user calls it (no random_state, so numba runs in parallel), the second `fit_transform` in one process (the first includes compiling). ' +
        "15-NN preservation: mean share of each sample's 15 nearest neighbours in feature space that are among its 15 nearest in the embedding.",
      '',
      ...umapTable(x.umapRows),
      '',
    );
  }
  if (x.hostRow) {
    const h = x.hostRow;
    out.push(
      `## Extension host during a ${h.rows.toLocaleString('en')}-row run`,
      '',
      "The engine in its worker thread through the extension's own client (`src/extension/engineClient.ts`); the host thread's event-loop delay over the whole run, and its own work on the reply: the copy into its heap, the contract check, serialising (the worker does that) and storing the text (`bench/hostEventLoop.ts`).",
      '',
      '| rows x features | run, s | delay p50, ms | p99, ms | max, ms | target p99 < 50 ms | result, MB | reply copy (structuredClone), ms | reply check, ms | host serialise, ms | store, ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${h.rows} x ${h.features} | ${h.runSeconds} | ${h.loopDelayMs.p50} | ${h.loopDelayMs.p99} | ${h.loopDelayMs.max} | ${mark(h.loopDelayMs.p99 < 50)} | ${h.afterRun.resultMB} | ${h.replyCopyMs} | ${h.replyListenerMs} | ${h.afterRun.hostSerializeMs} | ${h.afterRun.storeMs} |`,
      '',
    );
  }
  const fails = [
    ...x.compareRows.flatMap((r) => [
      ...r.ours.failures.map((f) => `${r.set.name} ours: ${f}`),
      ...r.ref.failures.map((f) => `${r.set.name} reference: ${f}`),
    ]),
    ...x.scalingRows.flatMap((r) => [
      ...r.ours.failures.map((f) => `scaling ${r.rows} ours: ${f}`),
      ...r.ref.failures.map((f) => `scaling ${r.rows} reference: ${f}`),
    ]),
    ...x.umapRows.flatMap((r) => r.failures.map((f) => `umap ${r.name} ${f}`)),
    ...x.problems,
  ];
  if (fails.length) out.push('## Failures', '', ...fails.map((f) => `- ${f}`), '');
  return out.join('\n');
}
