// Command-line options of the bench harness (npm run bench -- [options]).
export const SET_NAMES = [
  'planted',
  'digits',
  'fashion256',
  'fashion784',
  'fashion70k',
  'scaling',
  'umap-digits',
  'umap-fashion',
  'host',
] as const;
export type SetName = (typeof SET_NAMES)[number];

export interface BenchOptions {
  quick: boolean;
  /** Runs per side per data set, alternating ours / reference. */
  runs: number;
  scalingRuns: number;
  scalingRows: number[];
  /** The reference runs in the scaling series only up to this many rows (its k-means grows as rows squared). */
  refScalingMax: number;
  sets: Set<SetName>;
  build: boolean;
  out: string;
  timeoutMs: number;
  /** Rewrite the table from the last run's saved measurements instead of running. */
  rerender: boolean;
  /** Passed to our runs as --direct-sample (0 = the exact search, as before the option); unset = lava's default. */
  directSample?: number;
  /** Passed to our runs as --min-pair-localities (Step 3 factorizes only pairs significant in that many localities). */
  minPairLocalities?: number;
}

export const USAGE = `usage: npm run bench -- [options]

Times \`lava explain\` against the numpy reference (bench/reference/lava_ref.py) and our UMAP against
umap-learn, alternating the two, and writes a table to bench/results.md.

  --quick               1 run each, small sets only (a planted 5k x 40, digits, a 5k-20k scaling series,
                        UMAP on digits, the host's event loop at 20k rows); writes bench/.cache/results-quick.md
  --runs N              runs per side per data set (default 3)
  --scaling-runs N      runs of each size in the scaling series (default 1)
  --scaling-rows A,B..  sizes of the scaling series (default 25000,50000,100000,200000)
  --ref-scaling-max R   run the reference in the scaling series up to R rows (default 50000)
  --only SET,SET        ${SET_NAMES.join(', ')} (also: fashion, umap)
  --direct-sample N     our runs get --direct-sample N (0 = DIRECT on all rows, the path before sampling)
  --min-pair-localities N
                        our runs get --min-pair-localities N (Step 3 factorizes only the pairs significant in
                        at least N localities); the set names get "-mplN"
  --no-build            do not rebuild dist/ first
  --out FILE            where the table goes (default bench/results.md)
  --timeout MIN         stop a run after MIN minutes (default 90)
  --rerender            rewrite the table of --out from the measurements its last run saved in
                        bench/.cache/ (after a change to the report), running nothing
  -h, --help            this text`;

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const o: BenchOptions = {
    quick: false,
    runs: 3,
    scalingRuns: 1,
    scalingRows: [25000, 50000, 100000, 200000],
    refScalingMax: 50000,
    sets: new Set(SET_NAMES),
    build: true,
    out: 'bench/results.md',
    timeoutMs: 90 * 60000,
    rerender: false,
  };
  const given = new Set<string>();
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n <= 0)
      throw new Error(`${flag} needs a positive number\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    given.add(a);
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--quick') o.quick = true;
    else if (a === '--runs') o.runs = Math.round(num(a, argv[++i]));
    else if (a === '--scaling-runs') o.scalingRuns = Math.round(num(a, argv[++i]));
    else if (a === '--scaling-rows')
      o.scalingRows = (argv[++i] ?? '').split(',').map((s) => Math.round(num(a, s)));
    else if (a === '--ref-scaling-max') o.refScalingMax = num(a, argv[++i]);
    else if (a === '--direct-sample') {
      const v = argv[++i];
      o.directSample = v === '0' ? 0 : Math.round(num(a, v));
    } else if (a === '--min-pair-localities') o.minPairLocalities = Math.round(num(a, argv[++i]));
    else if (a === '--no-build') o.build = false;
    else if (a === '--rerender') o.rerender = true;
    else if (a === '--out') o.out = argv[++i] ?? o.out;
    else if (a === '--timeout') o.timeoutMs = num(a, argv[++i]) * 60000;
    else if (a === '--only') {
      const names = (argv[++i] ?? '')
        .split(',')
        .flatMap((s) =>
          s === 'fashion'
            ? ['fashion256', 'fashion784']
            : s === 'umap'
              ? ['umap-digits', 'umap-fashion']
              : [s],
        );
      for (const n of names)
        if (!(SET_NAMES as readonly string[]).includes(n))
          throw new Error(`--only: unknown set "${n}"\n\n${USAGE}`);
      o.sets = new Set(names as SetName[]);
    } else throw new Error(`unknown option ${a}\n\n${USAGE}`);
  }
  if (o.quick) {
    if (!given.has('--runs')) o.runs = 1;
    if (!given.has('--scaling-rows')) o.scalingRows = [5000, 10000, 20000];
    if (!given.has('--ref-scaling-max')) o.refScalingMax = 10000;
    if (!given.has('--out')) o.out = 'bench/.cache/results-quick.md';
    if (!given.has('--only')) o.sets = new Set(['planted', 'digits', 'scaling', 'umap-digits', 'host']);
  }
  return o;
}
