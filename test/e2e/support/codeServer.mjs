// Starts and stops a throwaway code-server (a real VS Code) with the packaged extension, for the E2E test and
// `npm run demo`. Everything it writes lives in one temp folder; the server runs in its own process group.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function findCodeServer() {
  const candidates = [process.env.CODE_SERVER, join(ROOT, '.e2e/code-server/node_modules/.bin/code-server')];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/**
 * Packages the extension offline with vsce from the current dist/ (scripts/test.mjs builds it first; rebuilding
 * here would rewrite dist/cli.js under the CLI tests that run alongside). Returns the .vsix path.
 */
export function packageExtension(out) {
  if (!existsSync(join(ROOT, 'dist/extension.js')) || !existsSync(join(ROOT, 'dist/worker.js'))) {
    throw new Error('dist/extension.js or dist/worker.js is missing: run npm run build first');
  }
  const vsce = join(ROOT, 'node_modules/.bin/vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Folders and env of one code-server profile under `dir` (kept out of $HOME). */
export function makeProfile(dir) {
  const p = {
    dir,
    user: join(dir, 'data/user'),
    extensions: join(dir, 'data/extensions'),
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(dir, 'xdg/config'),
      XDG_DATA_HOME: join(dir, 'xdg/data'),
      XDG_CACHE_HOME: join(dir, 'xdg/cache'),
      TMPDIR: join(dir, 'tmp'),
    },
  };
  for (const d of [
    join(p.user, 'User'),
    p.extensions,
    p.env.XDG_CONFIG_HOME,
    p.env.XDG_DATA_HOME,
    p.env.XDG_CACHE_HOME,
    p.env.TMPDIR,
  ]) {
    mkdirSync(d, { recursive: true });
  }
  const settings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
  };
  writeFileSync(join(p.user, 'User/settings.json'), JSON.stringify(settings, null, 2));
  return p;
}

export function installExtension(codeServer, profile, vsix) {
  const r = spawnSync(
    codeServer,
    [
      '--user-data-dir',
      profile.user,
      '--extensions-dir',
      profile.extensions,
      '--install-extension',
      vsix,
      '--force',
    ],
    {
      env: profile.env,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Starts code-server on `workspace` in a new process group (detached = setsid) and waits for /healthz.
 * `stop()` TERMs the whole group (server, extension hosts, watchers), then KILLs what is left.
 */
export async function startCodeServer(
  codeServer,
  profile,
  workspace,
  { port, host = '127.0.0.1', logFile } = {},
) {
  port = port ?? (await freePort());
  const args = [
    '--user-data-dir',
    profile.user,
    '--extensions-dir',
    profile.extensions,
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  const out = logFile ? (await import('node:fs')).openSync(logFile, 'a') : 'ignore';
  const child = spawn(codeServer, args, { env: profile.env, detached: true, stdio: ['ignore', out, out] });
  const pid = child.pid;
  let exited = false;
  child.on('exit', () => (exited = true));
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!groupAlive()) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 40 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 250));
    if (groupAlive()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  const url = `http://${host}:${port}/?folder=${encodeURIComponent(workspace)}`;
  for (let i = 0; i < 240; i++) {
    if (exited) throw new Error(`code-server exited at start${logFile ? ` (log: ${logFile})` : ''}`);
    try {
      const r = await fetch(`http://${host}:${port}/healthz`);
      if (r.ok) return { pid, port, url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error('code-server did not answer /healthz within 60 s');
}

/** Pids of the extension host processes in code-server's process group (the engine's worker thread lives there). */
export function extensionHostPids(pgid) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 (pgrp) of /proc/PID/stat
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes('extensionHost')) out.push(Number(name));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

/** True while `pid` runs (a zombie, exited but not yet reaped, counts as gone). */
export function isRunning(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'; // field 3: state
  } catch {
    return false;
  }
}

/** Resolves once none of `pids` runs; rejects after `timeoutMs` naming those still running. */
export async function waitForExit(pids, timeoutMs, what = 'process') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(isRunning);
    if (left.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${what} ${left.join(', ')} still running ${(timeoutMs / 1000).toFixed(0)} s later`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
}
