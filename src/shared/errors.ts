// Errors raised on purpose, known to every side: bad input (with where and what to do) and cancellation.
// The engine names options by their key ({option:maxFeatures} in a hint); each side renders the key in its
// own words: the CLI as a flag (--max-features), the extension as a setting (lava.maxFeatures).

/** How a reader names an option: the CLI as a flag, the extension as a setting. */
export type OptionNamer = (key: string) => string;

/** The neutral form, used in `Error.message` (logs, tests): the key itself in backquotes. */
export const keyName: OptionNamer = (key) => `\`${key}\``;

/** Replaces every {option:key} in a text with the reader's name for that option. */
export function renderOptions(text: string, name: OptionNamer): string {
  return text.replace(/\{option:([A-Za-z0-9_]+)\}/g, (_, key: string) => name(key));
}

export interface InputPlace {
  file: string;
  line?: number;
  column?: number;
  /** The data column's name when the problem is tied to one. */
  columnName?: string;
  /** The option (LavaParams key) whose value is at fault, or which fixes the problem. */
  option?: string;
}

/** Bad input the user can fix. `line` and `column` are 1-based as an editor shows them. */
export class LavaInputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly columnName: string | undefined;
  readonly option: string | undefined;
  /** What is wrong, without the place; may name options as {option:key}. */
  readonly problem: string;
  /** One sentence on what to do about it; may name options as {option:key}. */
  readonly hint: string;

  constructor(problem: string, where: InputPlace, hint: string) {
    super(describeInputError({ ...where, problem, hint }, keyName));
    this.name = 'LavaInputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.columnName = where.columnName;
    this.option = where.option;
    this.problem = problem;
    this.hint = hint;
  }
}

/** The one-line form: `file:line:col: problem (column "c"). hint`, options named for the reader. */
export function describeInputError(
  e: InputPlace & { problem: string; hint: string },
  name: OptionNamer,
): string {
  let loc = e.file;
  if (e.line !== undefined) loc += `:${e.line}`;
  if (e.line !== undefined && e.column !== undefined) loc += `:${e.column}`;
  const col = e.columnName !== undefined ? ` (column "${e.columnName}")` : '';
  return `${loc}: ${renderOptions(e.problem, name)}${col}. ${renderOptions(e.hint, name)}`;
}

/** Thrown when the caller's AbortSignal fires; nothing may have been written. */
export class LavaCancelled extends Error {
  constructor() {
    super('LAVA run cancelled');
    this.name = 'LavaCancelled';
  }
}
