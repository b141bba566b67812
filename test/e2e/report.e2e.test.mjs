// End to end: `lava report` on a digits result, opened from file:// in Chromium (no VS Code): every request is
// routed and any that would leave the page fails the test; the root's counts match the result; a module, a
// point and a heatmap cell are clicked; screenshots in light and dark at two sizes go to test-output/e2e/.
// Skips (with the reason) when Chromium is missing, unless CI is set: then it must run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, ROOT } from './support/codeServer.mjs';
import { openBrowser } from './support/workbench.mjs';
import { decodeResult } from '../../src/shared/result/decode.ts';

const chromiumPath = findChromium();
const skip =
  !chromiumPath && !process.env.CI
    ? 'report E2E skipped: Chromium (/usr/bin/chromium) not installed; set CI=1 to make this a failure'
    : false;
if (skip) console.log(skip);

const SHOTS = join(ROOT, 'test-output/e2e');

function lava(args) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lava.js'), ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `lava ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Refuses and records every request but the page itself, and records the page's errors (CSP violations among them). */
async function guard(page, pageUrl) {
  const outside = [];
  const problems = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pageUrl) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url() !== pageUrl) outside.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { outside, problems };
}

test('a report opens from file:// offline and clicks through without a request', { skip, timeout: 5 * 60_000 }, async () => {
  if (!chromiumPath) throw new Error('the report E2E needs Chromium; CI is set, so this is a failure, not a skip');
  const dir = mkdtempSync(join(tmpdir(), 'lava-report-e2e-'));
  const profile = { env: { XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') } };
  let browser;
  try {
    const resultPath = join(dir, 'digits.lava.json');
    lava(['explain', join(ROOT, 'examples/digits.csv'), '--out', resultPath, '--quiet']);
    const reportPath = join(dir, 'digits.report.html');
    lava(['report', resultPath, '--out', reportPath, '--quiet']);
    const result = decodeResult(readFileSync(resultPath, 'utf8'), resultPath);
    const pageUrl = pathToFileURL(reportPath).href;

    browser = await openBrowser(chromiumPath, profile);
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    const page = await context.newPage();
    const { outside, problems } = await guard(page, pageUrl);
    mkdirSync(SHOTS, { recursive: true });
    const shot = (name) => page.screenshot({ path: join(SHOTS, `report-${name}.png`) });

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(pageUrl);
    const root = page.locator('[data-testid=report-root]');
    assert.equal(Number(await root.getAttribute('data-module-count')), result.modules.length);
    assert.equal(Number(await root.getAttribute('data-point-count')), result.rowCount);
    const scatter = page.locator('[data-testid=scatter][data-point-count]');
    await scatter.waitFor({ timeout: 60_000 });
    assert.equal(Number(await scatter.getAttribute('data-point-count')), result.rowCount, 'one point per kept row');
    assert.equal(await page.locator('[data-testid=module-item]').count(), result.modules.length);
    const header = page.locator('[data-testid=report-header]');
    assert.match(await header.innerText(), /digits\.csv/);
    assert.match(await header.innerText(), /1797 rows read, 1797 kept · 61 features · 8 modules/);
    assert.equal(await page.locator('vscode-button, button', { hasText: 'Re-run' }).count(), 0, 'no Re-run');
    assert.equal(await page.locator('vscode-button, button', { hasText: 'Save result' }).count(), 0, 'no Save');
    await shot('light-1500x950');

    // A module with pairs: its heatmap shows from the result alone.
    const target = result.modules.filter((m) => m.pairs.length > 0).at(-1).id;
    await page.locator(`[data-testid=module-item][data-module-id="${target}"]`).click();
    const heatmap = page.locator(`[data-testid=heatmap][data-module-id="${target}"]`);
    await heatmap.waitFor({ timeout: 15_000 });
    assert.equal(Number(await heatmap.getAttribute('data-feature-count')), result.features.length);
    assert.equal(
      await page.locator(`[data-testid=module-item][data-module-id="${target}"]`).getAttribute('aria-selected'),
      'true',
    );
    await shot('light-module');

    // A heatmap cell asks for the pair's values, which need the data file: the report says so.
    await heatmap.locator('rect[data-i][data-j]').first().click({ force: true });
    await page.locator('[data-testid=request-status][data-state=failed]', { hasText: 'not in a report' }).first().waitFor({ timeout: 15_000 });
    // A point selects its locality; its correlations need the data file too.
    await page.locator('[data-testid=scatter] circle').nth(100).click({ force: true });
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=request-status][data-state=failed]')].length >= 1,
    );
    await shot('light-clicked');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(500);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(31, 31, 31)', 'dark: the page takes Dark Modern background');
    await shot('dark-1500x950');
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.waitForTimeout(500);
    await shot('dark-1000x800');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(500);
    await shot('light-1000x800');

    assert.deepEqual(outside, [], 'no request leaves the page');
    assert.deepEqual(problems, [], 'no error in the page');
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
