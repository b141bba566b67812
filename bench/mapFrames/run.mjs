// Frame times of the explorer's map at a million points in headless Chromium (software canvas, no GPU): time to
// first draw, pan and zoom frames (p50/p95), full paints zoomed out and in, hover hit-tests, and the early map from
// an embedding note to its first paint. Not part of `npm test`; the machine's load shows in every number.
//   node bench/mapFrames/run.mjs [--points 1000000] [--width 900] [--height 650]
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const points = opt('points', 1_000_000);
const width = opt('width', 900);
const height = opt('height', 650);
const out = resolve('test-output/bench-map');
mkdirSync(out, { recursive: true });
await build({
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  entryPoints: ['bench/mapFrames/page.ts'],
  outfile: join(out, 'page.js'),
  logLevel: 'warning',
});
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html><html><body style="margin:0"><div id="map"></div><div id="app"></div><script src="page.js"></script></body></html>`,
);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--headless'] });
try {
  const page = await browser.newPage({ viewport: { width: width + 40, height: height * 2 + 300 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  const result = await page.evaluate(([n, w, h]) => window.runBench(n, w, h), [points, width, height]);
  await page.screenshot({ path: join(out, `map-${points}.png`) });
  console.log(JSON.stringify({ date: new Date().toISOString(), viewport: `${width}x${height}`, ...result }, null, 1));
  if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
}
