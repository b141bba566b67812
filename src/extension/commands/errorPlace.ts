// Where a failed run points (file, line, column) and how to say it: pure, so it is unit-tested without VS Code.
import { LavaInputError } from '../../shared/errors';
import { RemoteError, describeWireError, errorToWire, type WireError } from '../../shared/rpc';
import { settingName } from '../../shared/params/names';
import { forNotification } from '../../shared/printable';
import { sniffDelimiter } from '../../engine/read/header';
import { formatOf } from '../../engine/read/formats';

export type ErrorPlace = Pick<WireError, 'file' | 'line' | 'column' | 'hint'>;

/** An input error's wire description, whether it came from the engine thread (RemoteError) or the host. */
function inputError(e: unknown): WireError | null {
  if (e instanceof RemoteError && e.isInputError) return e.info;
  if (e instanceof LavaInputError) return errorToWire(e);
  return null;
}

/** Whether an error's file opens in an editor at its line: a CSV or a .lava.json, not settings or a binary file (.h5ad, .npy). */
export function opensAtLine(file: string): boolean {
  return file !== 'settings.json' && (formatOf(file) === 'csv' || /\.json$/i.test(file));
}

/** Where an error points, or null when it is not about the user's input. */
export function errorPlace(e: unknown): ErrorPlace | null {
  return inputError(e);
}

/**
 * "digits.csv, line 4, column 2: <problem>. <hint>", the file shown relative to the workspace, options as lava.x;
 * names from the data cannot break the line or become a notification's command link.
 */
export function describeRunError(e: unknown, displayFile: (file: string) => string): string {
  const info = inputError(e);
  if (!info) return forNotification(e instanceof Error ? e.message : String(e));
  return forNotification(describeForUser(describeWireError(info, settingName), info, displayFile));
}

/** Turns the "file:line:col: " start of an input error's text into words a notification can afford. */
export function describeForUser(
  message: string,
  place: ErrorPlace | null,
  displayFile: (file: string) => string,
): string {
  if (!place?.file) return message;
  let loc = place.file;
  if (place.line !== undefined) loc += `:${place.line}`;
  if (place.line !== undefined && place.column !== undefined) loc += `:${place.column}`;
  const rest = message.startsWith(`${loc}: `) ? message.slice(loc.length + 2) : message;
  let where = displayFile(place.file);
  if (place.line !== undefined) where += `, line ${place.line}`;
  if (place.column !== undefined) where += `, column ${place.column}`;
  return `${where}: ${rest}`;
}

/**
 * 0-based character offset where cell `cell` (1-based) starts on a CSV line: the engine counts CSV columns,
 * the editor counts characters. Quoted cells may hold the delimiter. Past the last cell: the line's end.
 */
export function cellOffset(line: string, cell: number, delimiter: string): number {
  let current = 1;
  let quoted = false;
  for (let i = 0; i < line.length && current < cell; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) {
      current++;
      if (current === cell) return i + 1;
    }
  }
  return current === cell ? 0 : line.length;
}

/** Where column `cell` starts on `line` of a data file whose first line is `headerLine` (delimiter as the engine sniffs it). */
export function cellCharacter(headerLine: string, line: string, cell: number): number {
  return cellOffset(line, cell, sniffDelimiter(new TextEncoder().encode(headerLine)));
}
