// Reads the extension hosts' logs of a code-server profile for the E2E's "no error in the extension host" check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const EEXIST_LOCK =
  /\[error\] Error: EEXIST: file already exists, open '(.+\/workspaceStorage\/[^/']+\/vscode\.lock)'$/;
const EMPTY_JSON = /\[error\] SyntaxError: Unexpected end of JSON input$/;

/**
 * Indices of the error lines of one hand-over of a stale, empty workspace-storage lock, a race inside code-server
 * (VS Code 1.100) itself and nothing of ours: an exiting extension host rewrites its lock file asynchronously
 * (Lock.setWillRelease, open with O_TRUNC, then write) and unlinks it in its exit handler; when the open runs after
 * the unlink, an empty lock file outlives the host. The next host then logs its failed exclusive create (EEXIST)
 * and each JSON.parse of the empty file as errors before it deletes the stale lock and takes it in the same folder.
 * The E2E already lets a reloaded window boot only after the old host has exited, so nothing is left to wait for.
 * Only that exact sequence is matched: another error inside it, or a lock held by a live host (VS Code then gives
 * up and moves the storage to "<id>-1"), keeps every line an error.
 */
export function staleLockHandOver(lines) {
  const ignored = new Set();
  lines.forEach((line, start) => {
    const lock = EEXIST_LOCK.exec(line)?.[1];
    if (!lock) return;
    const said = (what) => (l) => l.endsWith(`Lock '${lock}': ${what}`);
    const end = lines.findIndex((l, i) => i > start && said('Lock acquired.')(l));
    if (end < 0) return;
    const block = lines.slice(start + 1, end);
    const errors = block.map((l, k) => [l, start + 1 + k]).filter(([l]) => l.includes('[error]'));
    const stale =
      block.some(said('Could not read pid of lock holder.')) && block.some(said('Deleting a stale lock.'));
    const onlyEmptyJson = errors.length > 0 && errors.every(([l]) => EMPTY_JSON.test(l));
    if (!stale || !onlyEmptyJson) return;
    ignored.add(start);
    for (const [, i] of errors) ignored.add(i);
  });
  return ignored;
}

/** Each error of one log, with the two lines after it, less those of a stale-lock hand-over. */
export function logErrors(text) {
  const lines = text.split('\n');
  const ignored = staleLockHandOver(lines);
  const out = [];
  lines.forEach((l, i) => {
    if (l.includes('[error]') && !ignored.has(i)) out.push(lines.slice(i, i + 3).join(' | '));
  });
  return out;
}

/** The errors of every extension host's log (exthost1, exthost2, ... one per window load) under `logsDir`. */
export function extensionHostErrors(logsDir) {
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\.log$/.test(e.name))
        for (const err of logErrors(readFileSync(p, 'utf8')))
          found.push(`${basename(dir)}/${e.name}: ${err}`);
    }
  };
  walk(logsDir);
  return found;
}
