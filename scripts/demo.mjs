// `npm run demo`: packages the extension, starts code-server (a real VS Code in the browser) with it installed
// and examples/ open, prints the URL, and on Ctrl+C stops the whole code-server process group.
//   PORT=8080 HOST=127.0.0.1 npm run demo      (code-server: scripts/setup-e2e.sh installs it into .e2e/)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findCodeServer,
  installExtension,
  makeProfile,
  packageExtension,
  ROOT,
  startCodeServer,
} from '../test/e2e/support/codeServer.mjs';

let codeServer = findCodeServer();
if (!codeServer) {
  // First run on a fresh machine: install code-server (and Chromium's packages) once, a few minutes.
  console.log('code-server is not installed yet: running scripts/setup-e2e.sh (a few minutes, once)');
  const setup = spawnSync('bash', ['scripts/setup-e2e.sh'], { cwd: ROOT, stdio: 'inherit' });
  codeServer = setup.status === 0 ? findCodeServer() : null;
  if (!codeServer) {
    console.error('code-server could not be installed: see the output of scripts/setup-e2e.sh above.');
    process.exit(1);
  }
}
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'lava-demo-'));
const profile = makeProfile(dir);
const vsix = packageExtension(join(dir, 'lava-explorer.vsix'));
installExtension(codeServer, profile, vsix);
const port = process.env.PORT ? Number(process.env.PORT) : 8080;
const host = process.env.HOST ?? '127.0.0.1';
const logFile = join(dir, 'code-server.log');
const server = await startCodeServer(codeServer, profile, join(ROOT, 'examples'), { port, host, logFile });

console.log(`\nLAVA Explorer demo: open ${server.url}`);
console.log('Right-click digits.csv in the Explorer and choose "Explain Dataset".');
console.log(`code-server log: ${logFile}\nPress Ctrl+C to stop.\n`);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping code-server (process group ${server.pid})...`);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
setInterval(() => {}, 1 << 30); // keep running until a signal
