// Names and bytes of the files the extension writes: stored results, results beside the data, exported views.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

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
