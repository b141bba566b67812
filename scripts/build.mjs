// Builds every bundle with esbuild: the CLI, the extension host, its worker, the NMF thread, the pool's
// thread and the webview.
// Type-checking is separate (`npm run typecheck`), so a build is fast.
//   node scripts/build.mjs               build once
//   node scripts/build.mjs --production  minified, no source maps (what `npm run package` ships)
//   node scripts/build.mjs --watch       build, then rebuild each bundle when a file it includes changes (Ctrl+C ends)
import { build, context } from 'esbuild';
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// h5wasm (the .h5ad reader) is an ES module that finds itself through import.meta.url, which a CommonJS
// bundle lacks: each Node bundle defines it from its own file name.
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { 'import.meta.url': '__lavaImportMetaUrl' },
  banner: { js: 'const __lavaImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};
const targets = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/worker/worker.ts'], outfile: 'dist/worker.js' },
  // NMF's H-step thread, started by src/engine/factorize/nmfHStep.ts from beside the bundle that runs the engine.
  { ...node, entryPoints: ['src/engine/factorize/nmfWorker.ts'], outfile: 'dist/nmfWorker.js' },
  // The trust scan's fit thread, started by src/engine/trust/scanThread.ts from beside the bundle that runs the engine.
  { ...node, entryPoints: ['src/engine/trust/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  // The engine's worker pool threads, started by src/engine/parallel/pool.ts from beside the bundle that runs the engine.
  { ...node, entryPoints: ['src/engine/parallel/poolWorker.ts'], outfile: 'dist/poolWorker.js' },
  {
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
  },
  // The standalone report's page (src/report inlines it into one HTML file): always minified, without a source
  // map, as its size counts against the report's bound (the result's size + 1 MB).
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    entryPoints: ['webview/report/main.ts'],
    outfile: 'dist/report.js',
  },
].filter((t) => existsSync(t.entryPoints[0]));

/** The codicon font and CSS ship with the webview (vscode-elements uses them); copied, never fetched. */
function copyCodicons() {
  const codicons = 'node_modules/@vscode/codicons/dist';
  if (!existsSync(`${codicons}/codicon.css`)) return;
  copyFileSync(`${codicons}/codicon.css`, 'dist/codicon.css');
  copyFileSync(`${codicons}/codicon.ttf`, 'dist/codicon.ttf');
}

/** An esbuild plugin that prints one line when a bundle has been rebuilt, so a watcher shows it is alive. */
const announce = (outfile) => ({
  name: 'announce',
  setup(b) {
    b.onEnd((r) => {
      const when = new Date().toLocaleTimeString();
      console.log(
        `[${when}] ${outfile}: ${r.errors.length ? `${r.errors.length} error(s), kept the last good build` : 'built'}`,
      );
    });
  },
});

mkdirSync('dist', { recursive: true });
copyCodicons();
if (watch) {
  // One esbuild context per bundle: each watches the files its entry point includes and rebuilds only itself.
  // A failed rebuild prints its errors and keeps watching; the process runs until it is stopped.
  const contexts = await Promise.all(targets.map((t) => context({ ...t, plugins: [announce(t.outfile)] })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`watching ${targets.length} bundles; Ctrl+C stops`);
  const stop = () => void Promise.all(contexts.map((c) => c.dispose())).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  await Promise.all(targets.map((t) => build(t)));
}
