// A's columns by the number of localities they are significant in (issue 10): how many columns, non-zeros and how much
// mass (sum of squares) each count holds; what pruning below N drops; Step 3's fit pruned against unpruned at one k.
// usage: node --import tsx bench/kernels/prune.bench.ts DATA.csv EMB_COLS [--max-features 784] [--k 8] [--min 2,3,5,10]
//        [--no-fit]   (markdown on stdout; the fits are Step 3's final fit: profiles start, to convergence)
import { runPipeline } from '../../src/engine/pipeline';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';
import { signSplit, transpose, type SignSplit } from '../../src/engine/factorize/sparse';
import { fitModules, type Fit } from '../../src/engine/trust/fit';
import { matchModules, patternCosines } from '../../src/engine/trust/match';
import { numberArg } from '../args';

const BUCKETS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500];

function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1].split(',').map(Number) : fallback;
}

/** Columns, non-zeros and sum of squares of the columns whose count of localities lies in each bucket [lo, next lo). */
function distribution(a: SignSplit): void {
  const ptr = transpose(a).rowPtr;
  const counts = Int32Array.from({ length: a.cols }, (_, c) => ptr[c + 1] - ptr[c]);
  const cols = new Float64Array(BUCKETS.length);
  const nnz = new Float64Array(BUCKETS.length);
  const mass = new Float64Array(BUCKETS.length);
  const colMass = new Float64Array(a.cols);
  for (let z = 0; z < a.col.length; z++) colMass[a.col[z]] += a.val[z] * a.val[z];
  let total = 0;
  for (let c = 0; c < a.cols; c++) {
    let b = BUCKETS.length - 1;
    while (counts[c] < BUCKETS[b]) b--;
    cols[b]++;
    nnz[b] += counts[c];
    mass[b] += colMass[c];
    total += colMass[c];
  }
  const pct = (x: number, of: number) => ((100 * x) / of).toFixed(2);
  console.log(`\nA: ${a.rows} localities x ${a.cols} active columns of ${2 * a.P} (P = ${a.P}), ${a.col.length} non-zeros, sum of squares ${total.toFixed(1)}\n`);
  console.log('| localities a column is non-zero in | columns | % of columns | % of non-zeros | % of mass (sum of squares) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  BUCKETS.forEach((lo, b) => {
    const hi = b + 1 < BUCKETS.length ? BUCKETS[b + 1] - 1 : Infinity;
    const label = hi === lo ? `${lo}` : hi === Infinity ? `${lo}+` : `${lo}-${hi}`;
    console.log(`| ${label} | ${cols[b]} | ${pct(cols[b], a.cols)} | ${pct(nnz[b], a.col.length)} | ${pct(mass[b], total)} |`);
  });
}

/** The final fit's patterns against the unpruned one's at the same k: matched cosines (min, mean), each. */
function agreement(base: Fit, other: Fit, P: number): { min: number; mean: number; each: number[] } {
  const { cosine } = matchModules(patternCosines(base.patterns, base.k, other.patterns, other.k, P), base.k, other.k);
  const each = Array.from(cosine);
  return { min: Math.min(...each), mean: each.reduce((s, c) => s + c, 0) / each.length, each };
}

/** Step 3's final fit at k, and its CPU seconds (every thread of the process: the H step's worker too). */
async function timedFit(a: SignSplit, k: number): Promise<{ fit: Fit; cpuS: number }> {
  const c0 = process.cpuUsage();
  const fit = await fitModules(a, k, { init: 'profiles', seed: 0 });
  const c = process.cpuUsage(c0);
  return { fit, cpuS: (c.user + c.system) / 1e6 };
}

async function main(): Promise<void> {
  const [file, emb] = process.argv.slice(2);
  if (!file || !emb) throw new Error('usage: prune.bench.ts DATA.csv EMB_COLS [--max-features M] [--k K] [--min N,N] [--no-fit]');
  const maxFeatures = numberArg('--max-features', 784);
  const ks = listArg('--k', [8]);
  const mins = listArg('--min', [2, 3, 5, 10]);
  // Steps 1-2 as lava runs them; a threshold above any count leaves Step 3 nothing to fit (cheap), A is rebuilt below.
  const t0 = performance.now();
  const params = { ...DEFAULT_PARAMS, embedding: emb.split(','), maxFeatures, modules: 1, minPairLocalities: 100_000 };
  const out = await runPipeline({ file, params });
  console.log(`${file}: ${out.prepared.E} x ${out.prepared.F}, steps 1-2 in ${((performance.now() - t0) / 1000).toFixed(1)} s (timings ${JSON.stringify(out.result.timings)})`);
  const a = signSplit(out.correlations);
  distribution(a);
  const mass = (b: SignSplit) => {
    let s = 0;
    for (const v of b.val) s += v * v;
    return s;
  };
  const total = mass(a);
  console.log('\n| pruning: drop columns in fewer than N localities | columns kept | non-zeros kept | mass lost % | build ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  const pruned = new Map<number, SignSplit>([[1, a]]);
  for (const n of mins) {
    const t = performance.now();
    const b = signSplit(out.correlations, n);
    const ms = performance.now() - t;
    pruned.set(n, b);
    console.log(`| ${n} | ${b.cols} | ${b.col.length} | ${((100 * (total - mass(b))) / total).toFixed(2)} | ${ms.toFixed(0)} |`);
  }
  if (process.argv.includes('--no-fit')) return;
  console.log('\n| k | N | fit CPU s | iterations | relative error (of its A) | pattern cosine vs N = 1: min / mean | each |');
  console.log('| ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const k of ks) {
    const base = await timedFit(a, k);
    console.log(`| ${k} | 1 | ${base.cpuS.toFixed(1)} | ${base.fit.iterations} | ${base.fit.error.toFixed(4)} | – | – |`);
    for (const n of mins) {
      const r = await timedFit(pruned.get(n) as SignSplit, k);
      const g = agreement(base.fit, r.fit, a.P);
      console.log(
        `| ${k} | ${n} | ${r.cpuS.toFixed(1)} | ${r.fit.iterations} | ${r.fit.error.toFixed(4)} | ${g.min.toFixed(3)} / ${g.mean.toFixed(3)} | ${g.each.map((c) => c.toFixed(3)).join(' ')} |`,
      );
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
