// Runs one command under /usr/bin/time -v: its wall time (measured here), its peak RSS and exit code, with a timeout.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  wallMs: number;
  /** Max RSS in kB as GNU time reports it: the largest single process of the run (children are not summed). */
  peakRssKb: number;
  /** User + system CPU seconds of the run and its children: less sensitive than wall time to other jobs on the machine. */
  cpuS: number;
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export const TIME_BIN = '/usr/bin/time';

/** Keeps the last `limit` characters, so a chatty run cannot fill memory. */
function tail(chunks: string[], limit = 20000): string {
  const s = chunks.join('');
  return s.length > limit ? s.slice(s.length - limit) : s;
}

export function measure(
  cmd: string,
  args: string[],
  opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'lava-bench-'));
  const timeFile = join(dir, 'time.txt');
  return new Promise((resolveRun) => {
    const t0 = performance.now();
    // detached: the run gets its own process group, so a timeout can stop it and its children by that id
    const child = spawn(TIME_BIN, ['-v', '-o', timeFile, cmd, ...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
    });
    const out: string[] = [];
    const err: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    }, opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      let peakRssKb = NaN;
      let cpuS = NaN;
      let exit: number | null = code;
      try {
        const report = readFileSync(timeFile, 'utf8');
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        if (m) peakRssKb = Number(m[1]);
        const u = /User time \(seconds\): ([\d.]+)/.exec(report);
        const k = /System time \(seconds\): ([\d.]+)/.exec(report);
        if (u && k) cpuS = Number(u[1]) + Number(k[1]);
        const e = /Exit status: (\d+)/.exec(report);
        if (/Command terminated by signal/.test(report)) exit = null;
        else if (e) exit = Number(e[1]);
      } catch {
        /* time wrote nothing: the run was killed before it */
      }
      rmSync(dir, { recursive: true, force: true });
      resolveRun({ wallMs, peakRssKb, cpuS, code: exit, stdout: tail(out), stderr: tail(err), timedOut });
    });
  });
}
