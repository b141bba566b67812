// Where a failed run points (file, line, column) and how to say it: pure, so it is unit-tested without VS Code.
import { EngineError } from '../engineClient';
import { LavaInputError } from '../../shared/errors';

export interface ErrorPlace {
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** Where an error points, whether it came from the worker (EngineError) or the host (LavaInputError). */
export function errorPlace(e: unknown): ErrorPlace | null {
  if (e instanceof EngineError && e.isInputError) return e.info;
  if (e instanceof LavaInputError) return { file: e.file, line: e.line, column: e.column, hint: e.hint };
  return null;
}

/** "digits.csv, line 4, column 2: <problem>. <hint>" with the file shown relative to the workspace. */
export function describeForUser(
  message: string,
  place: ErrorPlace | null,
  displayFile: (file: string) => string,
): string {
  if (!place?.file) return message;
  let loc = place.file;
  if (place.line !== undefined) loc += `:${place.line}`;
  if (place.line !== undefined && place.column !== undefined) loc += `:${place.column}`;
  // The engine's message starts with "file:line:col: "; say the same in words the notification can afford.
  const rest = message.startsWith(`${loc}: `) ? message.slice(loc.length + 2) : message;
  let where = displayFile(place.file);
  if (place.line !== undefined) where += `, line ${place.line}`;
  if (place.column !== undefined) where += `, column ${place.column}`;
  return `${where}: ${rest}`;
}

/** The delimiter a CSV header most likely uses (the one it holds most of). */
export function guessDelimiter(header: string): string {
  let best = ',';
  let bestCount = -1;
  for (const d of [',', '\t', ';', '|']) {
    const n = header.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
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
