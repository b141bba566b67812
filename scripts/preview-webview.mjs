// Standalone preview of the explorer webview: builds the bundle, writes an HTML page with a stub VS Code API and a
// light/dark/high-contrast theme, posts a fixture (or a real result JSON) and, with --screenshot, photographs it in Chromium
// under the panel's CSP, listing every CSP violation (and exiting 1 when there is one).
//   node scripts/preview-webview.mjs [--result path.lava.json | --rows N] [--image SIDE] [--theme light|dark|hc] [--width PX] [--height PX]
//                                    [--screenshot] [--interact] [--fail] [--perf]
// --interact selects a module, opens a pair and clicks a point; --fail makes the stub host fail every request (the
// panels then show what failed and a Try again button); --perf times a full render and zoom frames (canvas mode).
// Output goes to test-output/preview/ (git-ignored).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && args[k + 1] && !args[k + 1].startsWith('--') ? args[k + 1] : fallback;
};
const flag = (name) => args.includes(`--${name}`);
const fail = flag('fail');
const out = resolve(opt('out', 'test-output/preview'));
const themeName = opt('theme', 'light');
const width = Number(opt('width', 1280));
const height = Number(opt('height', 1100));
mkdirSync(out, { recursive: true });

// The same webview bundle as scripts/build.mjs makes (dist/webview.js and dist/webview.css).
if (!flag('no-build')) {
  await build({
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
  });
}
const codicons = 'node_modules/@vscode/codicons/dist';
for (const f of ['codicon.css', 'codicon.ttf'])
  if (existsSync(join(codicons, f))) copyFileSync(join(codicons, f), join(out, f));
copyFileSync('dist/webview.js', join(out, 'webview.js'));
if (existsSync('dist/webview.css')) copyFileSync('dist/webview.css', join(out, 'webview.css'));

// The test fixture and the result codec are TypeScript: bundle them to modules and import those.
await build({
  bundle: true,
  platform: 'node',
  format: 'esm',
  entryPoints: { fixture: 'test/webview/fixture.ts', encode: 'src/shared/result/encode.ts', decode: 'src/shared/result/decode.ts' },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const fx = await import(pathToFileURL(join(out, 'fixture.mjs')).href);
const { encodeResult } = await import(pathToFileURL(join(out, 'encode.mjs')).href);
const { decodeResult } = await import(pathToFileURL(join(out, 'decode.mjs')).href);
// The page gets what the host sends (the result's file text) and, for the stub's answers, the arrays it reads.
let result;
let text;
const resultPath = opt('result', null);
if (resultPath) {
  text = readFileSync(resultPath, 'utf8');
  result = decodeResult(text, resultPath);
} else {
  const side = Number(opt('image', 0));
  result = fx.makeFixture(
    Math.ceil(Number(opt('rows', 300)) / fx.BLOBS),
    side ? fx.imageDesign(side) : fx.BLOB_DESIGN,
  );
  text = encodeResult(result);
}
const note = { text, source: result.source };
const view = {
  features: result.features,
  rowCount: result.rowCount,
  coords: Array.from(result.embedding.coords),
  modules: result.modules.map((m) => ({ pairs: m.pairs, loadings: Array.from(m.loadings), pattern: Array.from(m.pattern) })),
};

// Values close to VS Code's own themes (Light+, Dark+, High Contrast) for the variables the webview reads.
const THEMES = {
  light: {
    body: 'vscode-light',
    vars: {
      foreground: '#3b3b3b',
      'editor-background': '#ffffff',
      focusBorder: '#005fb8',
      descriptionForeground: '#717171',
      'charts-red': '#e51400',
      'charts-blue': '#1a85ff',
      'charts-green': '#388a34',
      'charts-yellow': '#bf8803',
      'charts-orange': '#d18616',
      'charts-purple': '#652d90',
      'panel-border': '#e5e5e5',
      'list-hoverBackground': '#f2f2f2',
      'list-activeSelectionBackground': '#e8e8e8',
      'list-activeSelectionForeground': '#000000',
      'badge-background': '#cccccc',
      'badge-foreground': '#3b3b3b',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-secondaryBackground': '#e5e5e5',
      'button-secondaryHoverBackground': '#cccccc',
      'button-secondaryForeground': '#3b3b3b',
      'dropdown-background': '#ffffff',
      'dropdown-foreground': '#3b3b3b',
      'dropdown-border': '#cecece',
      'editorHoverWidget-background': '#f8f8f8',
      'editorHoverWidget-border': '#c8c8c8',
      'editorWarning-foreground': '#bf8803',
      errorForeground: '#f85149',
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      'font-size': '13px',
    },
  },
  dark: {
    body: 'vscode-dark',
    vars: {
      foreground: '#cccccc',
      'editor-background': '#1f1f1f',
      focusBorder: '#0078d4',
      descriptionForeground: '#9d9d9d',
      'charts-red': '#f14c4c',
      'charts-blue': '#3794ff',
      'charts-green': '#89d185',
      'charts-yellow': '#cca700',
      'charts-orange': '#d18616',
      'charts-purple': '#b180d7',
      'panel-border': '#2b2b2b',
      'list-hoverBackground': '#2a2d2e',
      'list-activeSelectionBackground': '#04395e',
      'list-activeSelectionForeground': '#ffffff',
      'badge-background': '#616161',
      'badge-foreground': '#f8f8f8',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-secondaryBackground': '#313131',
      'button-secondaryHoverBackground': '#3c3c3c',
      'button-secondaryForeground': '#cccccc',
      'dropdown-background': '#313131',
      'dropdown-foreground': '#cccccc',
      'dropdown-border': '#3c3c3c',
      'editorHoverWidget-background': '#202020',
      'editorHoverWidget-border': '#454545',
      'editorWarning-foreground': '#cca700',
      errorForeground: '#f85149',
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      'font-size': '13px',
    },
  },
  hc: {
    body: 'vscode-high-contrast',
    vars: {
      foreground: '#ffffff',
      'editor-background': '#000000',
      focusBorder: '#f38518',
      descriptionForeground: '#ffffff',
      'charts-red': '#f48771',
      'charts-blue': '#75beff',
      'charts-green': '#89d185',
      'charts-yellow': '#ffd700',
      'charts-orange': '#ff9900',
      'charts-purple': '#b180d7',
      'panel-border': '#6fc3df',
      contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518',
      'list-hoverBackground': '#000000',
      'list-activeSelectionBackground': '#000000',
      'list-activeSelectionForeground': '#ffffff',
      'badge-background': '#000000',
      'badge-foreground': '#ffffff',
      'button-background': '#000000',
      'button-foreground': '#ffffff',
      'button-secondaryBackground': '#000000',
      'button-secondaryForeground': '#ffffff',
      'button-border': '#6fc3df',
      'dropdown-background': '#000000',
      'dropdown-foreground': '#ffffff',
      'dropdown-border': '#6fc3df',
      'editorHoverWidget-background': '#0c141f',
      'editorHoverWidget-border': '#6fc3df',
      'editorWarning-foreground': '#ffd700',
      errorForeground: '#f48771',
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      'font-size': '13px',
    },
  },
};
const theme = THEMES[themeName] ?? THEMES.light;

// The host stub speaks the rpc envelope of src/shared/rpc.ts and answers the webview's requests the way the
// extension would, from what the result holds: a locality's "correlations" are its loadings-weighted module
// patterns; a pair's values are made up but stable. With --fail every request gets a failure reply instead.
const stub = `
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sample ? ': ' + e.sample : '') +
    ' at ' + e.sourceFile.split('/').pop() + ':' + e.lineNumber + ':' + e.columnNumber));
// The theme's variables go on <html> through CSSOM, as VS Code sets them: the CSP allows that, not style="...".
for (const [k, v] of Object.entries(${JSON.stringify(theme.vars)})) document.documentElement.style.setProperty('--vscode-' + k, v);
window.__sent = [];
const fail = ${JSON.stringify(fail)};
const result = ${JSON.stringify(view)};
window.__note = ${JSON.stringify(note)};
// A packed array without deflate (shared/result/packed.ts allows that): the stub has no zlib.
function packF32(f){const u=new Uint8Array(f.buffer);let s='';for(let i=0;i<u.length;i++)s+=String.fromCharCode(u[i]);return { dtype: 'float32', length: f.length, deflate: false, base64: btoa(s) };}
function send(m){ setTimeout(()=>window.postMessage(m,'*'), 10); }
function note(type, payload){ send({ rpc: 'note', type, payload }); }
const answers = {
  locality: ({ locality }) => {
    const P = result.features.length * (result.features.length - 1) / 2;
    const acc = new Float32Array(P);
    for (const mod of result.modules) { const w = mod.loadings[locality] || 0; if (!w) continue; const p = mod.pattern; for (let q=0;q<P;q++) acc[q]+=w*p[q]; }
    return { locality, pattern: packF32(acc), features: result.features };
  },
  pair: ({ a, b }) => {
    const n = result.rowCount, av = [], bv = [];
    for (let i = 0; i < n; i++) { const x = result.coords[2*i], y = result.coords[2*i+1]; av.push(Math.sin(x*1.3+i*0.01)*3 + x); bv.push(Math.cos(y*0.7+i*0.013)*3 + 0.5*x); }
    return { a, b, av, bv };
  },
};
let saved;
window.acquireVsCodeApi = () => ({
  getState: () => saved,
  setState: (s) => { saved = s; },
  postMessage: (m) => {
    window.__sent.push(m);
    if (m.rpc === 'note' && m.type === 'ready') note('result', { ...window.__note, appliedFrom: { neighbors: 'command', modules: 'settings' } });
    if (m.rpc !== 'request') return;
    if (fail) send({ rpc: 'reply', id: m.id, ok: false, error: { name: 'Error', message: 'the engine worker stopped (preview --fail)' } });
    else send({ rpc: 'reply', id: m.id, ok: true, result: answers[m.method](m.params) });
  },
});`;

// The panel's CSP (src/extension/panel.ts) with file: standing in for the webview's own source: violations show up here too.
const csp =
  "default-src 'none'; img-src file: data: blob:; style-src file:; font-src file:; script-src 'nonce-preview'";
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>LAVA Explorer preview (${themeName})</title>
<link id="vscode-codicon-stylesheet" rel="stylesheet" href="codicon.css">
<link rel="stylesheet" href="webview.css">
</head>
<body class="${theme.body}">
<div id="app"></div>
<script nonce="preview">${stub}</script>
<script nonce="preview" src="webview.js"></script>
</body>
</html>`;
const page = join(out, `preview-${themeName}.html`);
writeFileSync(page, html);
console.log(`wrote ${page}`);

if (flag('screenshot')) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--headless'],
  });
  try {
    const p = await browser.newPage({ viewport: { width, height } });
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(pathToFileURL(page).href);
    await p.waitForSelector('[data-testid="scatter"]', { timeout: 15000 });
    if (flag('interact')) {
      // Select the second module, open a pair from its strongest cell, click a point: every view gets content.
      const items = await p.$$('[data-testid="module-item"]');
      if (items[1]) await items[1].click();
      const mod = result.modules[1] ?? result.modules[0];
      const pair = mod.pairs[0];
      const ia = result.features.indexOf(pair.a);
      const ib = result.features.indexOf(pair.b);
      const cell = await p.$(`[data-testid="heatmap"] rect[data-i="${ia}"][data-j="${ib}"]`);
      if (cell) await cell.click();
      else {
        await p.focus('[data-testid="heatmap"] svg');
        await p.keyboard.press('Enter');
      }
      await p
        .waitForSelector(fail ? '.lava-pair-panel [data-state="failed"]' : '[data-testid="pair-view"]', { timeout: 5000 })
        .catch(() => errors.push('no pair view'));
      // Click a point of the map: the nearest probe's locality is requested and its heatmap replaces the module's.
      const surface = await p.$('[data-testid="scatter"] svg, [data-testid="scatter"] canvas');
      const rows = await p.$$('[data-testid="scatter"] circle');
      if (rows.length) await rows[Math.floor(rows.length / 2)].click({ force: true });
      else if (surface) {
        // Canvas: try a few spots until one lands on a point.
        const b = await surface.boundingBox();
        for (let k = 1; k < 40; k++) {
          await surface.click({
            position: { x: (b.width * ((k * 7) % 40)) / 40, y: (b.height * ((k * 13) % 40)) / 40 },
          });
          if (await p.evaluate(() => window.__sent.some((m) => m.rpc === 'request' && m.method === 'locality'))) break;
        }
      }
      await p
        .waitForSelector(fail ? '.lava-heatmap-panel [data-state="failed"]' : '[data-testid="heatmap"][data-locality-id]', {
          timeout: 5000,
        })
        .catch(() => errors.push('no locality heatmap'));
      await p.click('.lava-check input').catch(() => errors.push('no probes toggle'));
      // Every export button (not "Module pattern": the locality stays in view): the host receives PNG data URLs and SVG text.
      for (const b of await p.$$('.lava-panel-bar vscode-button, .lava-panel-bar button'))
        if ((await b.isVisible()) && /^(PNG|SVG)$/.test((await b.textContent()).trim())) await b.click();
      await p.waitForTimeout(500);
      const exported = await p.evaluate(() =>
        window.__sent.filter((m) => m.rpc === 'note' && m.type === 'export').map((m) => m.payload),
      );
      for (const m of exported) {
        const file = join(out, `export-${themeName}-${m.view}.${m.format}`);
        writeFileSync(file, m.format === 'png' ? Buffer.from(m.data.split(',')[1], 'base64') : m.data);
      }
      // Hover a point last, so the screenshot shows the tooltip.
      const pts = await p.$$('[data-testid="scatter"] circle');
      const box = await (pts[Math.floor(pts.length / 3)] ?? surface)?.boundingBox();
      if (box) await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      console.log(
        `exports: ${exported.map((m) => `${m.view}.${m.format} (${m.data.length} chars)`).join(', ')}`,
      );
    }
    if (flag('perf')) {
      const t = await p.evaluate(async () => {
        // The render timed includes decoding the result's text, as the webview does on every result note.
        const t0 = performance.now();
        window.dispatchEvent(
          new MessageEvent('message', { data: { rpc: 'note', type: 'result', payload: { ...window.__note, appliedFrom: {} } } }),
        );
        const render = performance.now() - t0;
        const surface = document.querySelector('[data-testid="scatter"] canvas, [data-testid="scatter"] svg');
        const b = surface.getBoundingClientRect();
        const frames = [];
        for (let k = 0; k < 20; k++) {
          const f0 = performance.now();
          surface.dispatchEvent(
            new WheelEvent('wheel', {
              deltaY: k < 10 ? -40 : 40,
              clientX: b.left + b.width / 2,
              clientY: b.top + b.height / 2,
              bubbles: true,
              cancelable: true,
            }),
          );
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          frames.push(performance.now() - f0);
        }
        frames.sort((a, c) => a - c);
        return {
          points: document.querySelector('[data-testid="scatter"]').dataset.pointCount,
          mode: document.querySelector('[data-testid="scatter"]').dataset.mode,
          renderMs: Math.round(render),
          zoomMedianMsPer2Frames: Math.round(frames[10]),
          zoomMaxMs: Math.round(frames[19]),
        };
      });
      console.log(`perf: ${JSON.stringify(t)}`);
    }
    await p.waitForTimeout(300);
    const shot = join(out, `preview-${themeName}${flag('interact') ? '-interact' : ''}${fail ? '-fail' : ''}-${width}x${height}.png`);
    await p.screenshot({ path: shot, fullPage: !flag('viewport') });
    console.log(`screenshot ${shot}`);
    console.log(
      `messages sent by the webview: ${JSON.stringify(await p.evaluate(() => window.__sent.map((m) => m.method ?? m.type)))}`,
    );
    const violations = await p.evaluate(() => window.__violations);
    if (violations.length) {
      console.log(`CSP violations:\n${violations.join('\n')}`);
      process.exitCode = 1;
    }
    if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
  }
}
