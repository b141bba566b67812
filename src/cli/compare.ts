// `lava compare A.json B.json [--out C.json]`: two results of the same rows compared (engine/compare), written
// atomically as a comparison file, one summary line printed. Exit 0 done, 2 bad input or usage, 3 with
// --fail-on-lost-strong when a strong module of A has no match in B (a pipeline's gate), 1 a bug.
import { parseArgs } from 'node:util';
import { compareResults } from '../engine/compare/compare';
import { comparisonPathBeside, readCompareInput, writeComparisonAtomic } from '../engine/compare/files';
import { DEFAULT_MATCH_THRESHOLD } from '../engine/compare/match';
import { DEFAULT_OVERLAP_K } from '../engine/compare/overlap';
import type { Comparison } from '../shared/compare/types';
import { printable } from '../shared/printable';
import { UsageError } from './args';
import { checkOutPath, unwritable } from './outPath';

/** The exit code of a comparison that lost a strong module of A under --fail-on-lost-strong. */
export const EXIT_LOST_STRONG = 3;

export const COMPARE_USAGE = [
  'usage: lava compare A.json B.json [options]',
  '',
  'Compares two results of the same rows: modules matched by pattern cosine (Hungarian assignment), and how',
  "much each row's neighbourhood changed between the two maps. Writes A-vs-B.lava-compare.json beside A.",
  '',
  '  --out FILE                 where to write the comparison',
  `  --threshold X              smallest pattern cosine of a match, -1..1 (default: ${DEFAULT_MATCH_THRESHOLD})`,
  `  --neighbours N             neighbours per row for the overlap (default: ${DEFAULT_OVERLAP_K})`,
  '  --fail-on-lost-strong      exit 3 when a strong module of A has no match in B (every module of A counts',
  '                             as strong when A marks none)',
  '  --quiet                    no summary',
  '  -h, --help                 this text',
  '',
  'Exit codes: 0 compared, 2 bad input or usage, 3 a strong module lost (--fail-on-lost-strong).',
].join('\n');

class CompareUsageError extends UsageError {
  override helpCommand = 'lava compare --help';
}

interface CompareLine {
  a: string;
  b: string;
  out?: string;
  threshold?: number;
  k?: number;
  failOnLostStrong: boolean;
  quiet: boolean;
  help: boolean;
}

function number(flag: string, raw: string, integer: boolean, lo: number, hi: number): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < lo || v > hi)
    throw new CompareUsageError(`--${flag} must be ${integer ? 'an integer' : 'a number'} in ${lo}..${hi}, got "${raw}"`);
  return v;
}

export function parseCompareLine(argv: string[]): CompareLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        threshold: { type: 'string' },
        neighbours: { type: 'string' },
        'fail-on-lost-strong': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new CompareUsageError((e as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  const help = v.help === true;
  if (!help && parsed.positionals.length !== 2) throw new CompareUsageError('give exactly two result files, A and B');
  return {
    a: parsed.positionals[0] ?? '',
    b: parsed.positionals[1] ?? '',
    ...(v.out !== undefined ? { out: v.out } : {}),
    ...(v.threshold !== undefined ? { threshold: number('threshold', v.threshold, false, -1, 1) } : {}),
    ...(v.neighbours !== undefined ? { k: number('neighbours', v.neighbours, true, 1, 1000) } : {}),
    failOnLostStrong: v['fail-on-lost-strong'] === true,
    quiet: v.quiet === true,
    help,
  };
}

/** Only-in-A modules, strong ones marked: "M3 (strong), M5". */
function onlyList(ids: number[], strong: number[] | undefined): string {
  const s = new Set(strong ?? []);
  return ids.map((id) => `M${id}${s.has(id) ? ' (strong)' : ''}`).join(', ');
}

/** One line: "5 matched (mean cosine 0.91), 1 only in A: M3 (strong), 0 only in B; neighbourhoods kept 62% on average". */
export function compareSummary(c: Comparison, out: string): string {
  const mean = c.matched.length ? c.matched.reduce((s, m) => s + m.cosine, 0) / c.matched.length : 0;
  const matched = `${c.matched.length} matched${c.matched.length ? ` (mean cosine ${mean.toFixed(2)})` : ''}`;
  const onlyA = `${c.onlyA.length} only in A${c.onlyA.length ? `: ${onlyList(c.onlyA, c.a.strongIds)}` : ''}`;
  const onlyB = `${c.onlyB.length} only in B${c.onlyB.length ? `: ${onlyList(c.onlyB, c.b.strongIds)}` : ''}`;
  const kept = `neighbourhoods kept ${Math.round(c.neighbourhood.summary.mean * 100)}% on average (k = ${c.neighbourhood.k})`;
  const notes = c.notes.length ? ` Notes: ${c.notes.join('; ')}.` : '';
  return `${matched}, ${onlyA}, ${onlyB}; ${kept}.${notes} Wrote ${out}.`;
}

/** Modules of A lost: its strong ones, or all of them when A marks none. */
function lost(c: Comparison): number[] {
  return c.a.strongIds ? c.lostStrong : c.onlyA;
}

export async function compareCommand(argv: string[], io: { stdout(t: string): void; stderr(t: string): void }): Promise<number> {
  const cmd = parseCompareLine(argv);
  if (cmd.help) {
    io.stdout(COMPARE_USAGE + '\n');
    return 0;
  }
  const out = cmd.out ?? comparisonPathBeside(cmd.a, cmd.b);
  checkOutPath(out, [cmd.a, cmd.b]);
  const [a, b] = await Promise.all([readCompareInput(cmd.a), readCompareInput(cmd.b)]);
  const c = await compareResults(a, b, { ...(cmd.threshold !== undefined ? { threshold: cmd.threshold } : {}), ...(cmd.k !== undefined ? { k: cmd.k } : {}) });
  await writeComparisonAtomic(out, c).catch((e: unknown) => {
    throw unwritable(out, e);
  });
  if (!cmd.quiet) io.stdout(printable(compareSummary(c, out)) + '\n');
  if (cmd.failOnLostStrong && lost(c).length > 0) {
    const what = c.a.strongIds ? 'strong module' : 'module (A marks none strong, so every one counts)';
    io.stderr(`lava: ${lost(c).length} ${what} of ${printable(cmd.a)} not matched in B: ${lost(c).map((id) => `M${id}`).join(', ')}\n`);
    return EXIT_LOST_STRONG;
  }
  return 0;
}
