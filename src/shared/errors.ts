// Errors raised on purpose, known to every side: bad input (with where and what to do) and cancellation.

/** Bad input the user can fix. `line` and `column` are 1-based as an editor shows them. */
export class LavaInputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The column's name when the problem is tied to one. */
  readonly columnName: string | undefined;
  /** One sentence on what to do about it. */
  readonly hint: string;

  constructor(
    problem: string,
    where: { file: string; line?: number; column?: number; columnName?: string },
    hint: string,
  ) {
    super(formatInputError(problem, where, hint));
    this.name = 'LavaInputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.columnName = where.columnName;
    this.hint = hint;
  }
}

function formatInputError(
  problem: string,
  where: { file: string; line?: number; column?: number; columnName?: string },
  hint: string,
): string {
  let loc = where.file;
  if (where.line !== undefined) loc += `:${where.line}`;
  if (where.line !== undefined && where.column !== undefined) loc += `:${where.column}`;
  const col = where.columnName !== undefined ? ` (column "${where.columnName}")` : '';
  return `${loc}: ${problem}${col}. ${hint}`;
}

/** Thrown when the caller's AbortSignal fires; nothing may have been written. */
export class LavaCancelled extends Error {
  constructor() {
    super('LAVA run cancelled');
    this.name = 'LavaCancelled';
  }
}
