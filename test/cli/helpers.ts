// Runs the built `lava` command (bin/lava.js -> dist/cli.js) the way a user or a pipeline does.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const LAVA = resolve(__dirname, '../../bin/lava.js');

export interface LavaRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function lava(args: string[], cwd?: string): LavaRun {
  const r = spawnSync(process.execPath, [LAVA, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts lava and resolves when it exits; `onStderr` sees its output as it comes. */
export function lavaAsync(
  args: string[],
  onSpawn?: (kill: (sig: NodeJS.Signals) => void) => void,
): Promise<LavaRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [LAVA, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
    onSpawn?.((sig) => child.kill(sig));
  });
}

export function tempDir(prefix = 'lava-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
