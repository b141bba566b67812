// `lava explain DATA ...`: the engine from a command line, for pipelines and benchmarks.
// Exit codes: 0 done, 2 bad input or usage (one line naming file, line and column), 130 interrupted (SIGINT),
// 143 terminated (SIGTERM), 1 a bug. A signal stops the run and nothing is written (one during the write lets it finish).
import { runPipeline } from '../engine/pipeline';
import { resultPathBeside, writeResultAtomic } from '../engine/io/resultFile';
import { findConfigFile, projectOrHomeTop, resolvePaths, resolveWithConfig } from '../engine/io/configFile';
import { LavaCancelled, LavaInputError, describeInputError } from '../shared/errors';
import { flagName } from '../shared/params/names';
import { PATH_PARAMS } from '../shared/params/types';
import { USAGE, UsageError, parseCommandLine } from './args';
import { compareCommand } from './compare';
import { progressBar, summary } from './output';
import { checkOutPath, unwritable } from './outPath';
import { printable } from '../shared/printable';
import { report } from './report';

/** A run stopped by a signal: exit 128 + the signal's number, as a shell reports it. */
class Interrupted extends Error {
  constructor(readonly code: number) {
    super('interrupted');
  }
}

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Where the command writes: the process's streams, or a test's buffers. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const PROCESS_OUTPUT: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

async function explain(argv: string[], io: Output): Promise<number> {
  const cmd = parseCommandLine(argv);
  if (cmd.help) {
    io.stdout(USAGE + '\n');
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
    // The signal handlers stay on while writing: a signal then lets the write finish whole (then exit 0).
    await writeResultAtomic(out, result, { plainArrays: cmd.plainArrays }).catch((e: unknown) => {
      throw unwritable(out, e);
    });
    if (!cmd.quiet) io.stdout(printable(summary(result, out)) + '\n');
    return 0;
  } catch (e) {
    throw e instanceof LavaCancelled && stoppedBy ? new Interrupted(SIGNAL_CODES[stoppedBy]) : e;
  } finally {
    bar.clear();
    for (const off of handlers) off();
  }
}

/**
 * The text a failure prints (after "lava: ") and the exit code: one line, with names from the data escaped
 * (printable) so that they can neither split it nor reach the terminal as escape sequences. Only a bug (exit 1)
 * prints more: its stack, each line escaped alike.
 */
export function failure(e: unknown): [string, number] {
  if (e instanceof UsageError) return [printable(`${e.message} (run "${e.helpCommand}" for usage)`), 2];
  // Options the engine names by key ({option:maxFeatures}) read as this command's flags (--max-features).
  if (e instanceof LavaInputError) return [printable(describeInputError(e, flagName)), 2];
  if (e instanceof Interrupted) return ['interrupted; no result written', e.code];
  if (e instanceof LavaCancelled) return ['interrupted; no result written', 130];
  const stack = (e as Error | undefined)?.stack ?? String(e);
  return [`internal error: ${stack.split('\n').map(printable).join('\n')}`, 1];
}

/** Runs `lava ARGV...` and returns its exit code; `io` receives what it prints (the process's streams by default). */
export async function main(argv: string[], io: Output = PROCESS_OUTPUT): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === 'compare') return await compareCommand(rest, io);
    if (command === 'report') return await report(rest, io);
    if (command !== 'explain') throw new UsageError(`unknown command "${command}"`);
    return await explain(rest, io);
  } catch (e) {
    const [line, code] = failure(e);
    io.stderr(`lava: ${line}\n`);
    return code;
  }
}

/** Entry point of bin/lava.js: runs with the process's arguments and sets its exit code. */
export function run(): void {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
