// Writing and reading result files: atomically (temp file + rename), so a result on disk is either whole or
// absent, and with the data and config paths relative to the result file, so results stay valid when shared.
import { promises as fsp } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LavaResult } from '../../shared/result/types';
import { encodeResult, type EncodeOptions } from '../../shared/result/encode';
import { PATH_PARAMS, type LavaParams } from '../../shared/params/types';

/** Where a result is saved beside its data: DATA.csv -> DATA.lava.json (the CLI and the extension agree). */
export function resultPathBeside(data: string): string {
  return join(dirname(data), `${basename(data, extname(data))}.lava.json`);
}

/** `file` (absolute, or relative to the current folder) as seen from `folder`, "/" separators. */
export function relativeTo(folder: string, file: string): string {
  if (file === '') return file; // unknown: stays unknown
  // On another Windows drive `relative` gives the absolute path, which then stays absolute ("D:/x.csv").
  return relative(folder, resolve(file)).split(sep).join('/');
}

type Source = LavaResult['source'];

/** A source as stored at `path`: its data and config files named relative to the result file's folder. */
export function sourceForFile(source: Source, path: string): Source {
  const folder = dirname(resolve(path));
  const out = { ...source, file: relativeTo(folder, source.file) };
  if (out.config !== undefined) out.config = relativeTo(folder, out.config);
  return out;
}

/** A stored source's data and config paths made absolute again, from the folder of the file it was read from. */
export function sourceFromFile(source: Source, path: string): Source {
  const folder = dirname(resolve(path));
  const out = { ...source, file: absoluteFrom(folder, source.file) };
  if (out.config !== undefined) out.config = absoluteFrom(folder, out.config);
  return out;
}

/** The result as stored at `path`: its data and config files named relative to the result file's folder. */
export function resultForFile(result: LavaResult, path: string): LavaResult {
  const folder = dirname(resolve(path));
  return {
    ...result,
    source: sourceForFile(result.source, path),
    params: mapPaths(result.params, (p) => relativeTo(folder, p)),
  };
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
  return { ...result, source: sourceFromFile(result.source, path), params: mapPaths(result.params, (p) => absoluteFrom(folder, p)) };
}

function absoluteFrom(folder: string, p: string): string {
  return p === '' || isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) ? p : resolve(folder, p);
}

/**
 * A result's text to be stored at `path` instead: only its `source` and file options change, to `source` and
 * `params` (absolute) named from there. Parsing and writing back a packed text is cheap (its arrays are strings)
 * and keeps its bytes otherwise.
 */
export function relocateResultText(text: string, source: Source, params: LavaParams, path: string): string {
  const json = JSON.parse(text) as { source: Source; params: LavaParams };
  const folder = dirname(resolve(path));
  json.source = sourceForFile(source, path);
  json.params = mapPaths(params, (p) => relativeTo(folder, p));
  return JSON.stringify(json) + '\n';
}

/**
 * Writes the file next to its final place under a temporary name, flushes it, then renames it over.
 * A crash or cancel before the rename leaves no partial file under the final name.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fsp.open(tmp, 'w');
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, path);
  } catch (e) {
    // A full disk or a vanished folder: no partial temp file is left behind either.
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

/** Encodes the result for `path` (packed, or plain arrays) and writes it there atomically. */
export async function writeResultAtomic(
  path: string,
  result: LavaResult,
  opts: EncodeOptions = {},
): Promise<void> {
  await writeFileAtomic(path, encodeResult(resultForFile(result, path), opts));
}
