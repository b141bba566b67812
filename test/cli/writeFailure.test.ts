// Writing the result: a folder the user may not write to is refused before computing; a write that fails at the
// end (full disk, vanished folder) is an input error naming --out (exit 2, one line), and leaves no temp file;
// a signal during the write lets it finish whole.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, promises as fsp, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePlanted } from '../../fixtures/planted';
import { main } from '../../src/cli/main';
import { LAVA, tempDir } from './helpers';

function folderWithData() {
  const dir = tempDir();
  const csv = join(dir, 'data.csv');
  writeFileSync(csv, generatePlanted(4, { samples: 150, features: 10, blobs: 3, modules: 2 }).csv);
  return { dir, csv };
}

/** `lava ARGV` in this process, its output kept. */
async function lavaHere(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test('--out in a folder the user may not write to: refused up front, one line, exit 2', () => {
  const { dir, csv } = folderWithData();
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  // root may write anywhere, so the check is run as an unprivileged user when the tests run as root.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o755);
  const r = spawnSync(process.execPath, [LAVA, 'explain', csv, '--out', join(locked, 'r.json')], {
    encoding: 'utf8',
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /locked\/r\.json: cannot write into the folder of --out \(permission denied\)/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.deepEqual(readdirSync(locked), []);
});

test('a write that fails at the end (disk full) is exit 2 naming --out, and leaves no temp file', async (t) => {
  const { dir, csv } = folderWithData();
  const realOpen = fsp.open;
  t.mock.method(fsp, 'open', async (...args: Parameters<typeof fsp.open>) => {
    const handle = await realOpen(...args);
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    t.mock.method(handle, 'writeFile', async () => {
      throw full;
    });
    return handle;
  });
  const out = join(dir, 'r.json');
  const r = await lavaHere(['explain', csv, '--out', out, '--quiet', '--modules', '2']);
  mock.restoreAll();
  assert.equal(r.code, 2, r.stderr);
  assert.equal(
    r.stderr,
    `lava: ${out}: cannot write the result (ENOSPC). Check that the folder of --out still exists, that you may write there and that the disk has room.\n`,
  );
  assert.deepEqual(readdirSync(dir), ['data.csv'], 'no result and no temp file');
});

test('a signal while the result is written lets the write finish whole (the handlers are on)', async (t) => {
  const { dir, csv } = folderWithData();
  const before = process.listenerCount('SIGTERM');
  const realOpen = fsp.open;
  let listening = -1;
  t.mock.method(fsp, 'open', async (...args: Parameters<typeof fsp.open>) => {
    listening = process.listenerCount('SIGTERM') - before;
    process.emit('SIGTERM');
    return realOpen(...args);
  });
  const out = join(dir, 'r.json');
  const r = await lavaHere(['explain', csv, '--out', out, '--quiet', '--modules', '2']);
  mock.restoreAll();
  // At least ours: under load the test runner's loader may add its own SIGTERM listener meanwhile.
  assert.ok(listening >= 1, 'SIGTERM is handled (not the default kill) during the write');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(out, "utf8")).schemaVersion, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['data.csv', 'r.json']);
  assert.equal(process.listenerCount('SIGTERM'), before, 'the handlers are removed after the run');
});
