// Names and bytes of the files the extension writes: stored results, exported views and selections, and where their save
// dialogs start (pure: unit-tested without VS Code).
import { createHash } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';

/** One file per data file, so a re-run replaces its previous result instead of piling up. */
export function storedResultName(dataPath: string): string {
  const hash = createHash('sha1').update(dataPath).digest('hex').slice(0, 10);
  return `${basename(dataPath).replace(/[^A-Za-z0-9._-]/g, '_')}.${hash}.lava.json`;
}

/** Bytes of an exported view: a data: URL (PNG or SVG) or raw SVG text. */
export function exportBytes(format: 'png' | 'svg', data: string): Uint8Array {
  const m = /^data:[^;,]*(;base64)?,(.*)$/s.exec(data);
  if (m) return m[1] ? Buffer.from(m[2], 'base64') : Buffer.from(decodeURIComponent(m[2]), 'utf8');
  return format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
}

/** Whether `path` is `folder` or lies under it. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Where the save dialog of an exported view (or report: view "report", format "html") starts: beside the data when it is in the workspace, else in the
 * workspace folder; never outside it. Null when no folder is open (the dialog picks its own start).
 */
export function defaultExportPath(
  dataPath: string | null,
  workspaceFolder: string | null,
  view: string,
  format: string,
): string | null {
  if (!workspaceFolder) return null;
  const stem = dataPath ? basename(dataPath, extname(dataPath)) : 'lava';
  const name = `${stem}.${view.replace(/[^A-Za-z0-9_-]/g, '_')}.${format}`;
  const folder =
    dataPath && isInside(workspaceFolder, dataPath) ? dirname(resolve(dataPath)) : workspaceFolder;
  return join(folder, name);
}
