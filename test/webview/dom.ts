// jsdom and snapshot helpers for the webview tests: render views into a real DOM, compare markup with stored files.
import { JSDOM, VirtualConsole } from 'jsdom';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIGHT_THEME_FALLBACK, mix, type Theme } from '../../webview/util/colors';

const here = dirname(fileURLToPath(import.meta.url));

export function makeDocument(): Document {
  // jsdom has no canvas: getContext returns null (the views allow for it); its "not implemented" notice is noise here.
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('error', (e) => console.error(e));
  return new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, virtualConsole })
    .window.document;
}

export function container(doc: Document): HTMLElement {
  const div = doc.createElement('div');
  doc.body.append(div);
  return div;
}

/** The theme the snapshots are drawn with (VS Code Light+ values, fixed so snapshots do not depend on the host). */
export function testTheme(): Theme {
  const t = { ...LIGHT_THEME_FALLBACK } as Theme;
  t.muted = mix(t.background, t.foreground, 0.35);
  return t;
}

/** One tag per line: diffs of a failed snapshot then point at the element that changed. */
export function pretty(markup: string): string {
  return markup.replace(/></g, '>\n<') + '\n';
}

/**
 * Compares with test/webview/__snapshots__/<name>; writes it when missing (outside CI) or when UPDATE_SNAPSHOTS=1.
 * On a mismatch the new markup goes to test-output/snapshots/<name> and the error names the first differing line.
 */
export function matchSnapshot(name: string, markup: string): void {
  const file = join(here, '__snapshots__', name);
  const text = pretty(markup);
  // In CI a missing snapshot is a failure: writing it there would compare nothing.
  if (!existsSync(file) && process.env.CI && process.env.UPDATE_SNAPSHOTS !== '1') {
    throw new Error(`snapshot ${name} is missing; run the webview tests locally and commit test/webview/__snapshots__/${name}`);
  }
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const stored = readFileSync(file, 'utf8');
  if (stored === text) return;
  // test-output/ is git-ignored: a failed run leaves nothing to commit by mistake.
  const actual = join(here, '..', '..', 'test-output', 'snapshots', name);
  mkdirSync(dirname(actual), { recursive: true });
  writeFileSync(actual, text);
  const a = stored.split('\n');
  const b = text.split('\n');
  let k = 0;
  while (k < a.length && a[k] === b[k]) k++;
  throw new Error(
    `snapshot ${name} differs at line ${k + 1}:\n  stored: ${a[k]}\n  actual: ${b[k]}\n` +
      `new markup written to ${actual}; diff them, and if the change is intended rerun with UPDATE_SNAPSHOTS=1`,
  );
}
