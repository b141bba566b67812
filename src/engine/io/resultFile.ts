// Writing and reading result files: atomically (temp file + rename), so a result on disk is either whole or
// absent, and with the data and config paths relative to the result file, so results stay valid when shared.
import { promises as fsp } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LavaResult } from '../../shared/result/types';
import { PATH_PARAMS, type LavaParams } from '../../shared/params/types';

/** Where a result is saved beside its data: DATA.csv -> DATA.lava.json (the CLI and the extension agree). */
export function resultPathBeside(data: string): string {
  return join(dirname(data), `${basename(data, extname(data))}.lava.json`);
}

/** Same result, same bytes: key order is fixed by construction and numbers are already rounded. */
export function serializeResult(result: LavaResult): string {
  return JSON.stringify(result) + '\n';
}

/** `file` (absolute, or relative to the current folder) as seen from `folder`, "/" separators. */
function relativeTo(folder: string, file: string): string {
  if (file === '') return file; // unknown: stays unknown
  // On another Windows drive `relative` gives the absolute path, which then stays absolute ("D:/x.csv").
  return relative(folder, resolve(file)).split(sep).join('/');
}

/** The result as stored at `path`: its data and config files named relative to the result file's folder. */
export function resultForFile(result: LavaResult, path: string): LavaResult {
  const folder = dirname(resolve(path));
  const source = { ...result.source, file: relativeTo(folder, result.source.file) };
  if (source.config !== undefined) source.config = relativeTo(folder, source.config);
  return { ...result, source, params: mapPaths(result.params, (p) => relativeTo(folder, p)) };
}

/** The params with their file options (embeddingFile, metadataFile) passed through `f`; the same object when none is set. */
function mapPaths(params: LavaParams, f: (p: string) => string): LavaParams {
  if (PATH_PARAMS.every((k) => params[k] === undefined)) return params;
  const out = { ...params };
  for (const k of PATH_PARAMS) if (out[k] !== undefined) out[k] = f(out[k]);
  return out;
}

/** A stored result's data and config paths made absolute again, from the folder of the file it was read from. */
export function resultFromFile(result: LavaResult, path: string): LavaResult {
  const folder = dirname(resolve(path));
  const absolute = (p: string) =>
    p === '' || isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) ? p : resolve(folder, p);
  const source = { ...result.source, file: absolute(result.source.file) };
  if (source.config !== undefined) source.config = absolute(source.config);
  return { ...result, source, params: mapPaths(result.params, absolute) };
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
  await writeFileAtomic(path, serializeResult(resultForFile(result, path)));
}
