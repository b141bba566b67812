// Runs the test suites with node's test runner (TypeScript through tsx).
//   node scripts/test.mjs          unit + e2e (e2e needs code-server and Chromium: scripts/setup-e2e.sh)
//   node scripts/test.mjs unit     every folder of test/ but e2e/ and data/ (engine, CLI, extension, webview, ...)
//   node scripts/test.mjs e2e      the real-VS-Code test only
// Fails, before running anything, when a test file lies outside every folder a run covers: it would never run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const RUN = /\.test\.(ts|mjs)$/;
/** Any file named as a test, whatever its extension, so a `.test.js` that the runner would skip is caught too. */
const LOOKS_LIKE_TEST = /\.test\.[cm]?[jt]sx?$/;
/** Not the project's own files: dependencies, build output, the E2E install and what runs leave behind. */
const NOT_OURS = new Set([
  'node_modules',
  'dist',
  '.git',
  '.e2e',
  'test-output',
  'bench/data',
  'bench/.cache',
]);

/** Files under `dir` whose name matches `pattern`, sorted, skipping the folders in NOT_OURS. */
function files(dir, pattern) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!NOT_OURS.has(relative('.', p))) out.push(...files(p, pattern));
    } else if (pattern.test(e.name)) out.push(p);
  }
  return out.sort();
}

// Every folder of test/ but e2e/ and data/ holds unit tests (they mirror src/, webview/ and fixtures/).
const unit = readdirSync('test')
  .filter((d) => !['e2e', 'data'].includes(d) && statSync(join('test', d)).isDirectory())
  .map((d) => join('test', d));
const e2e = statSync('test/e2e', { throwIfNoEntry: false })?.isDirectory() ? ['test/e2e'] : [];
const suites = { unit, e2e, all: [...unit, ...e2e] };

const which = process.argv[2] ?? 'all';
if (!(which in suites)) {
  console.error(`unknown suite "${which}": use one of ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

const covered = new Set(suites.all.flatMap((d) => files(d, RUN)));
const stray = files('.', LOOKS_LIKE_TEST).filter((f) => !covered.has(f));
if (stray.length > 0) {
  console.error(
    `test files that no run covers (so they would never run):\n${stray.map((f) => `  ${f}`).join('\n')}\n` +
      'Unit tests go in a folder of test/ (not test/ itself, test/e2e or test/data), the E2E test in test/e2e, ' +
      'named *.test.ts or *.test.mjs.',
  );
  process.exit(1);
}

const list = suites[which].flatMap((d) => files(d, RUN));
if (list.length === 0) {
  console.error(`no test files found in ${suites[which].join(', ')}`);
  process.exit(1);
}
// The CLI and E2E tests run the bundles, so build them first (a few seconds with esbuild).
const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...list],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
