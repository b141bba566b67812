// `lava explain DATA.csv ...`: the engine from a command line, for pipelines and benchmarks.
// Exit codes: 0 done, 2 bad input or usage (one line naming file, line and column), 130 interrupted, 1 a bug.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { runPipeline } from '../engine/pipeline';
import { resultPathBeside, writeResultAtomic } from '../engine/io/resultFile';
import type { LavaResult } from '../shared/result/types';
import { configParamsFor, parseConfig } from '../shared/params/config';
import { PARAM_SPECS, checkParam } from '../shared/params/spec';
import { LavaCancelled, LavaInputError } from '../shared/errors';
import { overallFraction, type Step } from '../shared/steps';
import type { LavaParams } from '../shared/params/types';
import { findConfigFile, pathFromConfig } from '../engine/io/configFile';
import { mergeParams } from '../shared/params/layers';

const USAGE = `usage: lava explain DATA.csv [options]

Explains the embedding of DATA.csv with LAVA and writes DATA.lava.json beside it (or --out).

  --embedding COLS        embedding columns, e.g. x,y (default: recognised by name)
  --umap                  compute a 2-D embedding with UMAP instead
  --features COLS         feature columns (default: every numeric non-metadata column)
  --metadata COLS         more columns to keep as metadata, never features
  --neighbors N           locality size n (default 100)
  --overlap O             overlap factor o (default 3)
  --modules K             number of modules k (default 8)
  --correlation METHOD    pearson | spearman (default pearson)
  --alpha A               significance level of the correlation threshold (default 0.001)
  --max-features M        keep the M most variable features (default 256)
  --factorization METHOD  nmf | boolean (default nmf)
  --nmf-init START        profiles | nndsvd: NMF start (default profiles: pairs grouped by
                          locality profile; nndsvd reproduces scikit-learn's NMF)
  --seed S                seed of every random step (default 0)
  --direct-evaluations N  DIRECT budget for (alpha, beta) (default 40)
  --config FILE           options file (default: nearest .lava.json above DATA.csv)
  --no-config             ignore .lava.json files
  --out RESULT.json       where to write the result
  --quiet                 no progress bar and no summary
  -h, --help              this text

Options given here win over the config file, which wins over the defaults.`;

/** CLI flag -> engine param. */
const FLAG_TO_PARAM: Record<string, keyof LavaParams> = {
  embedding: 'embedding',
  umap: 'umap',
  features: 'features',
  metadata: 'metadata',
  neighbors: 'neighbors',
  overlap: 'overlap',
  modules: 'modules',
  correlation: 'correlation',
  alpha: 'alpha',
  'max-features': 'maxFeatures',
  factorization: 'factorization',
  'nmf-init': 'nmfInit',
  seed: 'seed',
  'direct-evaluations': 'directEvaluations',
};

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  const options = Object.fromEntries(
    Object.entries(FLAG_TO_PARAM).map(([flag, name]) => [flag, { type: PARAM_SPECS[name].kind === 'bool' ? 'boolean' : 'string' }]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...options,
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        out: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const params: Partial<LavaParams> = {};
  for (const [flag, name] of Object.entries(FLAG_TO_PARAM)) {
    const raw = (parsed.values as Record<string, string | boolean | undefined>)[flag];
    if (raw === undefined) continue;
    const checked = checkParam(name, raw);
    if ('problem' in checked) throw new UsageError(`--${flag}: ${checked.problem}`);
    (params as Record<string, unknown>)[name] = checked.value;
  }
  return { positionals: parsed.positionals, values: parsed.values, params };
}

function progressBar(enabled: boolean) {
  let last = '';
  return {
    update(step: Step, fraction: number) {
      if (!enabled) return;
      const all = overallFraction(step, fraction);
      const width = 30;
      const filled = Math.round(all * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(all * 100)).padStart(3)}% ${step}`;
      if (line !== last) {
        process.stderr.write(`\r${line.padEnd(60)}`);
        last = line;
      }
    },
    clear() {
      if (enabled && last) process.stderr.write(`\r${' '.repeat(60)}\r`);
    },
  };
}

export function summary(result: LavaResult, out: string): string {
  const dropped = result.droppedFeatures.length ? ` (${result.droppedFeatures.length} dropped)` : '';
  const rows = result.droppedRows.count ? ` (${result.droppedRows.count} rows dropped, first at line ${result.droppedRows.examples[0]?.line})` : '';
  const mods = result.modules
    .slice(0, 3)
    .map((m) => `#${m.id} ${m.name} (${m.localityCount} localities)`)
    .join('; ');
  const secs = ((result.timings.total ?? 0) / 1000).toFixed(1);
  return (
    `Explained ${result.source.file}: ${result.rowCount} rows${rows} x ${result.features.length} features${dropped}, ` +
    `embedding ${result.embedding.columns.join(',')} (${result.embedding.computed}); ` +
    `${result.localities.count} localities of ${result.localities.size} (alpha ${result.alpha.toFixed(3)}, beta ${result.beta.toFixed(3)}); ` +
    `${result.modules.length} modules, strongest: ${mods}. ` +
    (result.notes.length ? `Notes: ${result.notes.join('; ')}. ` : '') +
    `Wrote ${out} in ${secs} s.`
  );
}

async function explain(argv: string[]): Promise<number> {
  const cmd = parseCommandLine(argv);
  if (cmd.values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError('give exactly one data file');
  const data = cmd.positionals[0];

  const layers: { source: string; params: Partial<LavaParams> }[] = [];
  const configFile = cmd.values['no-config'] ? null : (cmd.values.config ?? findConfigFile(data));
  if (configFile) {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch (e) {
      throw new LavaInputError(`cannot read the config file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: configFile }, 'Check the --config path.');
    }
    layers.push({ source: basename(configFile), params: configParamsFor(parseConfig(text, configFile), pathFromConfig(configFile, data)) });
  }
  layers.push({ source: 'command line', params: cmd.params });
  const { params, sources } = mergeParams(layers);

  const out = cmd.values.out ?? resultPathBeside(data);
  if (resolve(out) === resolve(data)) {
    throw new LavaInputError('--out names the input file', { file: data }, 'Choose another --out path; the input is never overwritten.');
  }

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressBar(!cmd.values.quiet && process.stderr.isTTY === true);
  try {
    const { result } = await runPipeline(
      { file: data, params, paramSources: sources },
      { signal: controller.signal, onProgress: (step, f) => bar.update(step, f) },
    );
    bar.clear();
    await writeResultAtomic(out, result);
    if (!cmd.values.quiet) process.stdout.write(summary(result, out) + '\n');
    return 0;
  } finally {
    bar.clear();
    process.removeListener('SIGINT', onSigint);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command !== 'explain') throw new UsageError(`unknown command "${command}"`);
    return await explain(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`lava: ${e.message}\n(run "lava explain --help" for usage)\n`);
      return 2;
    }
    if (e instanceof LavaInputError) {
      process.stderr.write(`lava: ${e.message}\n`);
      return 2;
    }
    if (e instanceof LavaCancelled) {
      process.stderr.write('lava: interrupted; no result written\n');
      return 130;
    }
    process.stderr.write(`lava: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

/** Entry point of bin/lava.js: runs with the process's arguments and sets its exit code. */
export function run(): void {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
