// The shareable workspace config file (.lava.json): parse, validate, pick one data file's options.
// No node:, vscode or DOM import: the CLI and the extension read the same file the same way, so a team gets one result.
import { LavaInputError, renderOptions } from '../errors';
import type { LavaParams } from './types';
import { PARAM_NAMES, checkParam } from './spec';
import { plainName } from './names';

export const CONFIG_FILE_NAME = '.lava.json';

export interface LavaConfig {
  $schema?: string;
  /** Options for every data set under the config file's folder. */
  defaults?: Partial<LavaParams>;
  /** Per data set options, keyed by path relative to the config file's folder ("/" separators; "*" wildcards). */
  datasets?: Record<string, Partial<LavaParams>>;
}

/** 1-based line and column of a character offset, for errors an editor can jump to. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Where a key first appears in the text (good enough to point the editor at a bad value). */
function locateKey(text: string, key: string, after = 0): { line: number; column: number } {
  const at = text.indexOf(`"${key}"`, after);
  return at >= 0 ? lineColumnAt(text, at) : { line: 1, column: 1 };
}

/** Validates a plain object of options (from JSON or settings). Unknown keys and bad values are errors. */
export function validateParams(obj: unknown, file: string, text = '', searchFrom = 0): Partial<LavaParams> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new LavaInputError(
      'options must be a JSON object',
      { file, line: 1, column: 1 },
      'Write them as { "modules": 8, ... }.',
    );
  }
  const out: Partial<LavaParams> = {};
  for (const [key, raw] of Object.entries(obj)) {
    if (!(PARAM_NAMES as string[]).includes(key)) {
      throw new LavaInputError(
        `unknown option "${key}"`,
        { file, ...locateKey(text, key, searchFrom) },
        `Known options: ${PARAM_NAMES.join(', ')}.`,
      );
    }
    const checked = checkParam(key as keyof LavaParams, raw);
    if ('problem' in checked) {
      // The file names the option by its key, so the message does too (not as a flag or a setting).
      const where = { file, option: key, ...locateKey(text, key, searchFrom) };
      throw new LavaInputError(
        renderOptions(checked.problem, plainName),
        where,
        'Fix the value in the config file.',
      );
    }
    (out as Record<string, unknown>)[key] = checked.value;
  }
  return out;
}

/** Parses and validates a .lava.json text (a UTF-8 byte order mark, as some editors write, is skipped). */
export function parseConfig(withBom: string, file: string): LavaConfig {
  const text = withBom.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const where = m ? lineColumnAt(text, Number(m[1])) : { line: 1, column: 1 };
    throw new LavaInputError(
      `not valid JSON (${(e as Error).message})`,
      { file, ...where },
      'Fix the JSON syntax of the config file.',
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new LavaInputError(
      'the config must be a JSON object',
      { file, line: 1, column: 1 },
      'Write { "defaults": {...}, "datasets": {...} }.',
    );
  }
  const config: LavaConfig = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === '$schema') {
      // String() of an object calls its own "toString", which the file may have set to anything.
      if (typeof value !== 'string')
        throw new LavaInputError(
          '"$schema" must be a string',
          { file, ...locateKey(text, key) },
          "Write it as the schema's address, or remove it.",
        );
      config.$schema = value;
    } else if (key === 'defaults')
      config.defaults = validateParams(value, file, text, text.indexOf('"defaults"'));
    else if (key === 'datasets') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new LavaInputError(
          '"datasets" must be an object keyed by data file path',
          { file, ...locateKey(text, 'datasets') },
          'Write "datasets": { "data/cells.csv": { ... } }.',
        );
      }
      config.datasets = {};
      for (const [path, opts] of Object.entries(value as Record<string, unknown>)) {
        // Assigning it would set the object's prototype: the entry would vanish without a word.
        if (path === '__proto__')
          throw new LavaInputError(
            '"__proto__" is not a data file path',
            { file, ...locateKey(text, path) },
            'Remove this entry from "datasets".',
          );
        config.datasets[path] = validateParams(opts, file, text, text.indexOf(`"${path}"`));
      }
    } else {
      throw new LavaInputError(
        `unknown key "${key}"`,
        { file, ...locateKey(text, key) },
        'The config holds "defaults" and "datasets".',
      );
    }
  }
  return config;
}

function globToRegExp(pattern: string): RegExp {
  // "**" crosses folders, "*" does not; every other character is literal.
  const source = pattern
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** The options the config gives one data file (`rel`: its path from the config's folder, "/" separators): its defaults, then every matching "datasets" entry in order. */
export function configParamsFor(config: LavaConfig, rel: string): Partial<LavaParams> {
  let out: Partial<LavaParams> = { ...(config.defaults ?? {}) };
  for (const [pattern, opts] of Object.entries(config.datasets ?? {})) {
    const norm = pattern.replace(/^\.\//, '');
    if (norm === rel || globToRegExp(norm).test(rel)) out = { ...out, ...opts };
  }
  return out;
}
