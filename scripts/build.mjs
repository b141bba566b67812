// Builds every bundle with esbuild: the CLI, the extension host, its worker, and the webview.
// Type-checking is separate (`npm run typecheck`), so a build is fast.
import { build } from 'esbuild';
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
const targets = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/worker/worker.ts'], outfile: 'dist/worker.js' },
  // NMF's H-step thread, started by src/engine/factorize/nmfHStep.ts from beside the bundle that runs the engine.
  { ...node, entryPoints: ['src/engine/factorize/nmfWorker.ts'], outfile: 'dist/nmfWorker.js' },
  // The engine's worker pool threads, started by src/engine/parallel/pool.ts from beside the bundle that runs the engine.
  { ...node, entryPoints: ['src/engine/parallel/poolWorker.ts'], outfile: 'dist/poolWorker.js' },
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' },
].filter((t) => existsSync(t.entryPoints[0]));

mkdirSync('dist', { recursive: true });
await Promise.all(targets.map((t) => build(t)));
// The codicon font and CSS ship with the webview (vscode-elements uses them); copied, never fetched.
const codicons = 'node_modules/@vscode/codicons/dist';
if (existsSync(`${codicons}/codicon.css`)) {
  copyFileSync(`${codicons}/codicon.css`, 'dist/codicon.css');
  copyFileSync(`${codicons}/codicon.ttf`, 'dist/codicon.ttf');
}
if (watch) console.log('watch mode is not implemented; rerun npm run build');
