// The `lava explain` command line: one flag per option of the table (shared/params/spec.ts), in kebab-case,
// with its doc and default in the usage, plus the run's own flags. Nothing here is written by hand per option.
import { parseArgs } from 'node:util';
import { PARAM_NAMES, PARAM_SPECS, checkParam, type ParamSpec } from '../shared/params/spec';
import { DEFAULT_PARAMS, type LavaParams } from '../shared/params/types';
import { flagName } from '../shared/params/names';
import { renderOptions } from '../shared/errors';

/** A mistake on the command line: one line, exit 2. */
export class UsageError extends Error {
  /** The command whose --help explains the usage. */
  helpCommand = 'lava explain --help';
}

/** The run's own flags (not options of the method). */
const RUN_FLAGS = {
  config: {
    type: 'string',
    value: 'FILE',
    doc: 'options file (default: nearest .lava.json above DATA.csv, up to the project or home folder)',
  },
  'no-config': { type: 'boolean', value: '', doc: 'ignore .lava.json files' },
  out: { type: 'string', value: 'RESULT.json', doc: 'where to write the result' },
  'plain-arrays': {
    type: 'boolean',
    value: '',
    doc: 'write per-row arrays as plain JSON numbers, not packed (bigger; README "Reading a result")',
  },
  quiet: { type: 'boolean', value: '', doc: 'no progress bar and no summary' },
  help: { type: 'boolean', value: '', doc: 'this text' },
} as const;

/** The flag of an option, without its dashes: maxFeatures -> max-features. */
const flagOf = (name: keyof LavaParams) => flagName(name).slice(2);

function valueName(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
      return 'N';
    case 'number':
      return 'X';
    case 'enum':
      return spec.values.join('|');
    case 'bool':
      return '';
    case 'columns':
      return 'COLS';
    case 'bounds':
      return 'LO,HI';
    case 'name':
      return 'NAME';
    case 'path':
      return 'FILE';
  }
}

function defaultText(name: keyof LavaParams): string {
  const v = DEFAULT_PARAMS[name];
  if (v === undefined) return 'none';
  if (Array.isArray(v)) return v.length ? v.join(',') : 'none';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return String(v);
}

function usageLine(flag: string, value: string, doc: string): string {
  return `  ${`${flag} ${value}`.trimEnd().padEnd(34)} ${doc}`;
}

export const USAGE = [
  'usage: lava explain DATA [options]',
  '',
  'Explains the embedding of DATA with LAVA and writes DATA.lava.json beside it (or --out).',
  'DATA is a .csv/.tsv, .h5ad, .parquet, .arrow/.feather, .npy or .npz file.',
  '',
  'Options of the method (also "defaults"/"datasets" keys of .lava.json and lava.* settings in VS Code):',
  ...PARAM_NAMES.map((n) =>
    usageLine(flagName(n), valueName(PARAM_SPECS[n]), `${PARAM_SPECS[n].doc} (default: ${defaultText(n)})`),
  ),
  ...PARAM_NAMES.filter((n) => PARAM_SPECS[n].kind === 'bool').map((n) =>
    usageLine(`--no-${flagOf(n)}`, '', `turn ${flagName(n)} off`),
  ),
  '',
  'Run options:',
  ...Object.entries(RUN_FLAGS).map(([f, s]) =>
    usageLine(f === 'help' ? '-h, --help' : `--${f}`, s.value, s.doc),
  ),
  '',
  'Options given here win over the config file, which wins over the defaults.',
].join('\n');

type FlagType = { type: 'string' | 'boolean'; short?: string };

function parserOptions(): Record<string, FlagType> {
  const out: Record<string, FlagType> = {};
  for (const n of PARAM_NAMES) {
    const bool = PARAM_SPECS[n].kind === 'bool';
    out[flagOf(n)] = { type: bool ? 'boolean' : 'string' };
    if (bool) out[`no-${flagOf(n)}`] = { type: 'boolean' };
  }
  for (const [f, s] of Object.entries(RUN_FLAGS))
    out[f] = { type: s.type, ...(f === 'help' ? { short: 'h' } : {}) };
  return out;
}

/** `--flag -3,3` would read as a flag: join a value that starts with "-" and a digit or "." to its flag. */
function joinNegativeValues(argv: string[], options: Record<string, FlagType>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = /^--([a-z-]+)$/.exec(argv[i])?.[1];
    const next = argv[i + 1];
    if (flag && options[flag]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

export interface CommandLine {
  positionals: string[];
  params: Partial<LavaParams>;
  config?: string;
  noConfig: boolean;
  out?: string;
  plainArrays: boolean;
  quiet: boolean;
  help: boolean;
}

/** Parses `lava explain`'s arguments; every option value is checked by the table, named by its flag. */
export function parseCommandLine(argv: string[]): CommandLine {
  const options = parserOptions();
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), allowPositionals: true, options });
  } catch (e) {
    // node's text may run over several lines; the first says what is wrong.
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const params: Partial<LavaParams> = {};
  for (const name of PARAM_NAMES) {
    const raw = values[`no-${flagOf(name)}`] ? false : values[flagOf(name)];
    if (raw === undefined) continue;
    const checked = checkParam(name, raw);
    if ('problem' in checked) throw new UsageError(renderOptions(checked.problem, flagName));
    (params as Record<string, unknown>)[name] = checked.value;
  }
  return {
    positionals: parsed.positionals,
    params,
    ...(typeof values.config === 'string' ? { config: values.config } : {}),
    noConfig: values['no-config'] === true,
    ...(typeof values.out === 'string' ? { out: values.out } : {}),
    plainArrays: values['plain-arrays'] === true,
    quiet: values.quiet === true,
    help: values.help === true,
  };
}
