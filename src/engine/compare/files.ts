// The comparison's files: reading the two results (with the strong marks a trust step may have written), where
// the comparison goes by default, and writing it atomically with both inputs named relative to it.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { encodeComparison } from '../../shared/compare/codec';
import type { Comparison } from '../../shared/compare/types';
import { LavaInputError } from '../../shared/errors';
import { decodeResult } from '../../shared/result/decode';
import { relativeTo, writeFileAtomic } from '../io/resultFile';
import type { CompareInput } from './compare';

/** The ids of the modules a result file marks `"strong": true`; null when no module carries the mark. */
function strongIds(text: string): number[] | null {
  const json = JSON.parse(text) as { modules?: { id?: unknown; strong?: unknown }[] };
  const mods = Array.isArray(json.modules) ? json.modules : [];
  if (!mods.some((m) => typeof m?.strong === 'boolean')) return null;
  return mods.filter((m) => m.strong === true && typeof m.id === 'number').map((m) => m.id as number);
}

/** Reads and checks one result to compare; `file` as the user named it (errors name it so). */
export async function readCompareInput(file: string): Promise<CompareInput> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new LavaInputError(`cannot read the result (${code})`, { file }, 'Check the path of the result file.');
  }
  const result = decodeResult(text, file);
  return { file, result, strongIds: strongIds(text) };
}

/** A result file's name without its .lava.json (or .json) ending. */
function stem(file: string): string {
  return basename(file).replace(/(\.lava)?\.json$/i, '');
}

/** Where `lava compare A B` writes by default: A-vs-B.lava-compare.json beside A. */
export function comparisonPathBeside(a: string, b: string): string {
  return join(dirname(a), `${stem(a)}-vs-${stem(b)}.lava-compare.json`);
}

/** Writes the comparison at `path` atomically, its inputs named relative to the folder of `path`. */
export async function writeComparisonAtomic(path: string, c: Comparison): Promise<void> {
  const folder = dirname(resolve(path));
  const stored: Comparison = {
    ...c,
    a: { ...c.a, file: relativeTo(folder, c.a.file) },
    b: { ...c.b, file: relativeTo(folder, c.b.file) },
  };
  await writeFileAtomic(path, encodeComparison(stored));
}
