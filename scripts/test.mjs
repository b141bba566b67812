// Runs the test suites with node's test runner (TypeScript through tsx).
//   node scripts/test.mjs          unit + webview + e2e (e2e needs code-server and Chromium: scripts/setup-e2e.sh)
//   node scripts/test.mjs unit     engine, CLI and webview tests only
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (name.endsWith('.test.ts') || name.endsWith('.test.mjs')) out.push(p);
  }
  return out.sort();
}

const which = process.argv[2] ?? 'all';
// Every folder of test/ but e2e/ and data/ holds unit tests (they mirror src/, webview/ and fixtures/).
const unit = readdirSync('test').filter((d) => !['e2e', 'data'].includes(d) && statSync(join('test', d)).isDirectory()).map((d) => join('test', d));
const dirs = which === 'unit' ? unit : which === 'e2e' ? ['test/e2e'] : [...unit, 'test/e2e'];
const list = dirs.flatMap((d) => { try { return files(d); } catch { return []; } });
// The CLI and E2E tests run the bundles, so build them first (a few seconds with esbuild).
const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
if (list.length === 0) { console.error('no test files found'); process.exit(1); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...list], { stdio: 'inherit' });
process.exit(r.status ?? 1);
