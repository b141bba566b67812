// Writing the result JSON atomically (temp file + rename), so a result on disk is either whole or absent.
import { promises as fsp } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { LavaResult } from '../../shared/result/types';

/** Where a result is saved beside its data: DATA.csv -> DATA.lava.json (the CLI and the extension agree). */
export function resultPathBeside(data: string): string {
  return join(dirname(data), `${basename(data, extname(data))}.lava.json`);
}

/** Same result, same bytes: key order is fixed by construction and numbers are already rounded. */
export function serializeResult(result: LavaResult): string {
  return JSON.stringify(result) + '\n';
}

/**
 * Writes the file next to its final place under a temporary name, flushes it, then renames it over.
 * A crash or cancel before the rename leaves no partial file under the final name.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fsp.open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, path);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

export async function writeResultAtomic(path: string, result: LavaResult): Promise<void> {
  await writeFileAtomic(path, serializeResult(result));
}
