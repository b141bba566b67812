// `lava explain DATA ...`: the engine from a command line, for pipelines and benchmarks.
// Exit codes: 0 done, 2 bad input or usage (one line naming file, line and column), 130 interrupted (SIGINT),
// 143 terminated (SIGTERM), 1 a bug. A signal stops the run and nothing is written.
import { runPipeline } from '../engine/pipeline';
import { resultPathBeside, writeResultAtomic } from '../engine/io/resultFile';
import { findConfigFile, projectOrHomeTop, resolvePaths, resolveWithConfig } from '../engine/io/configFile';
import { LavaCancelled, LavaInputError, describeInputError } from '../shared/errors';
import { flagName } from '../shared/params/names';
import { PATH_PARAMS } from '../shared/params/types';
import { USAGE, UsageError, parseCommandLine } from './args';
import { progressBar, summary } from './output';
import { checkOutPath } from './outPath';

/** A run stopped by a signal: exit 128 + the signal's number, as a shell reports it. */
class Interrupted extends Error {
  constructor(readonly code: number) {
    super('interrupted');
  }
}

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

async function explain(argv: string[]): Promise<number> {
  const cmd = parseCommandLine(argv);
  if (cmd.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError('give exactly one data file');
  const data = cmd.positionals[0];
  const configFile = cmd.noConfig ? null : (cmd.config ?? findConfigFile(data, projectOrHomeTop));
  const command = resolvePaths(cmd.params, process.cwd());
  const { params, sources } = await resolveWithConfig(data, configFile, { command });

  const out = cmd.out ?? resultPathBeside(data);
  // Every file the run reads is an input that --out must never replace, whatever path names it.
  checkOutPath(out, [
    data,
    ...(configFile ? [configFile] : []),
    ...PATH_PARAMS.flatMap((k) => params[k] ?? []),
  ]);

  const controller = new AbortController();
  let stoppedBy: keyof typeof SIGNAL_CODES | null = null;
  const handlers = Object.keys(SIGNAL_CODES).map((sig) => {
    const on = () => {
      stoppedBy = sig as keyof typeof SIGNAL_CODES;
      controller.abort();
    };
    process.once(sig, on);
    return () => process.removeListener(sig, on);
  });
  const bar = progressBar(!cmd.quiet && process.stderr.isTTY === true);
  try {
    const { result } = await runPipeline(
      { file: data, params, paramSources: sources, ...(configFile ? { configFile } : {}) },
      { signal: controller.signal, onProgress: (step, f) => bar.update(step, f) },
    );
    bar.clear();
    await writeResultAtomic(out, result);
    if (!cmd.quiet) process.stdout.write(summary(result, out) + '\n');
    return 0;
  } catch (e) {
    throw e instanceof LavaCancelled && stoppedBy ? new Interrupted(SIGNAL_CODES[stoppedBy]) : e;
  } finally {
    bar.clear();
    for (const off of handlers) off();
  }
}

/** The one line a failure prints (after "lava: "), and the exit code. */
export function failure(e: unknown): [string, number] {
  if (e instanceof UsageError) return [`${e.message} (run "lava explain --help" for usage)`, 2];
  // Options the engine names by key ({option:maxFeatures}) read as this command's flags (--max-features).
  if (e instanceof LavaInputError) return [describeInputError(e, flagName), 2];
  if (e instanceof Interrupted) return ['interrupted; no result written', e.code];
  if (e instanceof LavaCancelled) return ['interrupted; no result written', 130];
  return [`internal error: ${(e as Error).stack ?? String(e)}`, 1];
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
    const [line, code] = failure(e);
    process.stderr.write(`lava: ${line}\n`);
    return code;
  }
}

/** Entry point of bin/lava.js: runs with the process's arguments and sets its exit code. */
export function run(): void {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
