// End to end: the packaged extension in a real VS Code (code-server) driven through Chromium.
// Explains digits.csv from the Explorer menu and checks the panel's views, an input error, and Cancel.
// Skips (with the reason) when code-server or Chromium is missing, unless CI is set: then it must run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cpuSeconds,
  extensionHostPids,
  findChromium,
  findCodeServer,
  installExtension,
  makeProfile,
  packageExtension,
  ROOT,
  startCodeServer,
} from './support/codeServer.mjs';
import { openBrowser, Workbench } from './support/workbench.mjs';

const codeServer = findCodeServer();
const chromiumPath = findChromium();
const missing = [
  !codeServer && 'code-server (run scripts/setup-e2e.sh)',
  !chromiumPath && 'Chromium (/usr/bin/chromium)',
].filter(Boolean);
const skip =
  missing.length > 0 && !process.env.CI
    ? `E2E skipped: ${missing.join(' and ')} not installed; set CI=1 to make this a failure`
    : false;
if (skip) console.log(skip);

const SHOTS = join(ROOT, 'test-output/e2e');

/** A ragged CSV: line 4 has 4 cells where the header has 5. */
const BAD_CSV = 'x,y,a,b,c\n0.1,0.2,1,2,3\n0.2,0.1,2,3,4\n0.3,0.4,5,6\n0.5,0.5,1,1,1\n';

/** A CSV big enough that its UMAP runs for many seconds, so Cancel lands mid-run (deterministic LCG values). */
function bigCsv(rows, features) {
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = [Array.from({ length: features }, (_, j) => `f${j}`).join(',')];
  for (let i = 0; i < rows; i++)
    lines.push(Array.from({ length: features }, () => rnd().toFixed(4)).join(','));
  return lines.join('\n') + '\n';
}

function resultFiles(profile, namePrefix) {
  const ws = join(profile.user, 'User/workspaceStorage');
  if (!existsSync(ws)) return [];
  const out = [];
  for (const id of readdirSync(ws)) {
    const dir = join(ws, id, 'lava-explorer.lava-explorer/results');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.includes(namePrefix)) out.push(join(dir, f));
  }
  return out;
}

/** Keeps the extension host log and the extension's output channel next to the screenshots. */
function copyLogs(profile, dir) {
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'remoteexthost.log') cpSync(p, join(dir, 'exthost.log'));
      else if (e.name.endsWith('LAVA Explorer.log')) cpSync(p, join(dir, 'lava-output.log'));
    }
  };
  walk(join(profile.user, 'logs'));
}

function extensionHostErrors(profile) {
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\.log$/.test(e.name)) {
        const lines = readFileSync(p, 'utf8').split('\n');
        lines.forEach((l, i) => {
          if (l.includes('[error]')) found.push(`${e.name}: ${lines.slice(i, i + 3).join(' | ')}`);
        });
      }
    }
  };
  walk(join(profile.user, 'logs'));
  return found;
}

/** r of features a and b over the rows where module `moduleId` is active and over the rest, from the data file. */
function pairR(csvPath, result, moduleId, a, b) {
  const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const ia = header.indexOf(a);
  const ib = header.indexOf(b);
  const m = result.modules.find((x) => x.id === moduleId);
  const max = Math.max(...m.loadings);
  const active = new Uint8Array(result.rowCount);
  m.loadings.forEach((w, p) => {
    if (max > 0 && w >= max / 2) for (const r of result.localities.members[p]) active[r] = 1;
  });
  const r = (side) => {
    const xs = [];
    const ys = [];
    result.rowLines.forEach((line, row) => {
      if (active[row] !== side) return;
      const cells = lines[line - 1].split(',');
      xs.push(Number(cells[ia]));
      ys.push(Number(cells[ib]));
    });
    const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
    const my = ys.reduce((s, v) => s + v, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    xs.forEach((x, k) => {
      sxy += (x - mx) * (ys[k] - my);
      sxx += (x - mx) ** 2;
      syy += (ys[k] - my) ** 2;
    });
    return sxy / Math.sqrt(sxx * syy);
  };
  return { rIn: r(1), rOut: r(0) };
}

test(
  'LAVA Explorer in a real VS Code (code-server + Chromium)',
  { skip, timeout: 15 * 60_000 },
  async (t) => {
    if (missing.length > 0)
      throw new Error(`E2E needs ${missing.join(' and ')}; CI is set, so this is a failure, not a skip`);
    const t0 = Date.now();
    const lap = (label) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${label}`);
    rmSync(SHOTS, { recursive: true, force: true });

    const R = mkdtempSync(join(tmpdir(), 'lava-e2e-'));
    const vsix = process.env.LAVA_VSIX ?? packageExtension(join(R, 'lava-explorer.vsix'));
    lap(`packaged ${vsix}`);
    const profile = makeProfile(R);
    const ws = join(R, 'ws');
    // The bundled data only: a result the README's `lava explain examples/digits.csv` left beside it must
    // not seed the workspace (the test saves and opens its own digits.lava.json there).
    mkdirSync(ws);
    cpSync(join(ROOT, 'examples/digits.csv'), join(ws, 'digits.csv'));
    writeFileSync(join(ws, 'bad.csv'), BAD_CSV);
    mkdirSync(join(ws, 'cancel'));
    writeFileSync(join(ws, 'cancel/big.csv'), bigCsv(12000, 24));
    writeFileSync(join(ws, 'cancel/.lava.json'), JSON.stringify({ defaults: { umap: true } }));
    installExtension(codeServer, profile, vsix);
    const server = await startCodeServer(codeServer, profile, ws, { logFile: join(R, 'code-server.log') });
    lap(`code-server up on port ${server.port}`);
    const browser = await openBrowser(chromiumPath, profile);
    const consoleLines = [];
    try {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
      const wb = new Workbench(page, SHOTS);

      await page.goto(server.url);
      await wb.explorerRow('digits.csv').waitFor({ timeout: 90_000 });
      lap('workbench ready');
      await wb.shot('01-workbench');

      /** A step that saves a screenshot named after it when it fails, to see what the workbench showed. */
      let failures = 0;
      const step = (name, fn) =>
        t.test(name, async () => {
          try {
            await fn();
          } catch (e) {
            await wb.shot(`99-failure-${++failures}`).catch(() => {});
            throw e;
          }
        });

      let result;
      await step('Explorer menu "Explain Dataset" (LAVA) on digits.csv shows the explorer', async () => {
        const item = await wb.contextMenu('digits.csv', /^Explain Dataset$/);
        await wb.shot('02-context-menu');
        const tClick = Date.now();
        await wb.choose(item);
        const wv = wb.webview();
        const scatter = wv.locator('[data-testid=scatter][data-point-count]');
        await scatter.waitFor({ timeout: 180_000 });
        await wv.locator('[data-testid=module-item]').first().waitFor({ timeout: 30_000 });
        lap(`digits: command to first picture ${((Date.now() - tClick) / 1000).toFixed(1)} s`);
        await wb.shot('03-digits-panel');

        const stored = resultFiles(profile, 'digits.csv');
        assert.equal(stored.length, 1, `one stored result for digits.csv, found ${stored.join(', ')}`);
        result = JSON.parse(readFileSync(stored[0], 'utf8'));
        assert.equal(
          Number(await scatter.getAttribute('data-point-count')),
          result.rowCount,
          'one point per kept row',
        );
        assert.equal(result.rowCount, 1797, 'digits has 1797 complete rows');
        assert.equal(
          await wv.locator('[data-testid=module-item]').count(),
          result.modules.length,
          'one legend entry per module',
        );
      });

      await step(
        'selecting a module shows its heatmap; a cell shows the pair view; a point shows its locality',
        async () => {
          assert.ok(result, 'needs the digits result');
          const wv = wb.webview();
          const selectModule = async (id) => {
            await wv.locator(`[data-testid=module-item][data-module-id="${id}"]`).click();
            await wv.locator(`[data-testid=heatmap][data-module-id="${id}"]`).waitFor({ timeout: 15_000 });
            const item = wv.locator(`[data-testid=module-item][data-module-id="${id}"]`);
            assert.equal(await item.getAttribute('aria-selected'), 'true');
          };
          // A module with non-zero pairs (so its heatmap has cells), reached by a change of selection.
          const withPairs = result.modules.filter((m) => m.pairs.length > 0).map((m) => m.id);
          assert.ok(withPairs.length > 0, 'some module has non-zero pairs');
          const target = withPairs[withPairs.length - 1];
          const other = result.modules.find((m) => m.id !== target)?.id;
          if (other !== undefined) await selectModule(other);
          await selectModule(target);
          const heatmap = wv.locator(`[data-testid=heatmap][data-module-id="${target}"]`);
          assert.equal(Number(await heatmap.getAttribute('data-feature-count')), result.features.length);
          await wb.shot('04-module-selected');
          const cell = heatmap.locator('rect[data-i][data-j]').first();
          const i = Number(await cell.getAttribute('data-i'));
          const j = Number(await cell.getAttribute('data-j'));
          await cell.click({ force: true });
          const expected = [result.features[Math.min(i, j)], result.features[Math.max(i, j)]];
          const pair = wv.locator('[data-testid=pair-view]');
          await pair.waitFor({ timeout: 15_000 });
          const shown = (await pair.getAttribute('data-pair')).split('|').sort();
          assert.deepEqual(shown, [...expected].sort(), "the pair view shows the clicked cell's features");
          await wb.shot('05-pair-view');

          // Clicking a point selects its nearest probe's locality: the worker answers with that locality's correlations.
          await wv.locator('[data-testid=scatter] circle').nth(100).click({ force: true });
          const local = wv.locator('[data-testid=heatmap][data-locality-id]');
          await local.waitFor({ timeout: 30_000 });
          const locality = Number(await local.getAttribute('data-locality-id'));
          assert.ok(locality >= 0 && locality < result.localities.count, `locality ${locality}`);
          assert.equal(Number(await local.getAttribute('data-feature-count')), result.features.length);
          await wb.shot('05b-locality-heatmap');
        },
      );

      await step(
        'the pair view gives r inside and outside the active localities; a locality shows its 100 samples as thumbnails',
        async () => {
          assert.ok(result, 'needs the digits result');
          const wv = wb.webview();
          // The selected module's strongest pair, from the list beside its heatmap: r on both sides, from the data file.
          const selected = wv.locator('[data-testid=module-item][aria-selected=true]');
          const moduleId = Number(await selected.getAttribute('data-module-id'));
          // Back from the locality the step before picked to the module: the pair view colours by its active rows.
          await selected.click();
          await wv.locator(`[data-testid=heatmap][data-module-id="${moduleId}"]`).waitFor({ timeout: 15_000 });
          const top = wv.locator('.lava-heatmap-panel [data-testid=top-pairs] li').first();
          const [a, b] = [await top.getAttribute('data-a'), await top.getAttribute('data-b')];
          await top.locator('button').click();
          const pairView = wv.locator(`[data-testid=pair-view][data-pair="${a}|${b}"]`);
          await pairView.waitFor({ timeout: 15_000 });
          const line = wv.locator('[data-testid=pair-r]');
          await line.waitFor({ timeout: 15_000 });
          assert.equal(await pairView.getAttribute('data-plot'), 'jitter', 'digits pixels are discrete: jittered');
          const expected = pairR(join(ws, 'digits.csv'), result, moduleId, a, b);
          assert.ok(Number.isFinite(expected.rIn), `the strongest pair ${a} ~ ${b} varies where M${moduleId} is active`);
          const rIn = Number(await line.getAttribute('data-r-in'));
          const rOut = Number(await line.getAttribute('data-r-out'));
          assert.ok(Math.abs(rIn - expected.rIn) < 1e-9, `r inside ${rIn}, from the file ${expected.rIn}`);
          assert.ok(Math.abs(rOut - expected.rOut) < 1e-9, `r outside ${rOut}, from the file ${expected.rOut}`);
          assert.match(await line.innerText(), /r = [+-]?\d\.\d{3} \(n = \d+\) in the localities where M\d+ is active/);
          await wb.shot('05c-pair-r');

          await wv.locator('[data-testid=scatter] circle').nth(300).click({ force: true });
          const samples = wv.locator('[data-testid=locality-samples][data-sample-count]');
          await samples.waitFor({ timeout: 30_000 });
          assert.equal(await samples.getAttribute('data-kind'), 'images', 'digits are pixels: thumbnails');
          assert.equal(Number(await samples.getAttribute('data-sample-count')), 100);
          assert.equal(result.localities.size, 100);
          const thumbs = samples.locator('[data-testid=sample-thumb]');
          assert.equal(await thumbs.count(), 100, '100 thumbnails');
          const locality = Number(await samples.getAttribute('data-locality'));
          assert.deepEqual(
            await thumbs.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-row')))),
            result.localities.members[locality],
            "the thumbnails are the locality's rows",
          );
          await samples.scrollIntoViewIfNeeded();
          await wb.shot('05d-locality-samples');
          // A thumbnail opens the data file at its row's line.
          const row = result.localities.members[locality][0];
          await thumbs.first().click();
          await page
            .locator('.statusbar-item', { hasText: `Ln ${result.rowLines[row]}, Col 1` })
            .first()
            .waitFor({ timeout: 15_000 });
          await wb.shot('05e-sample-opened-at-line');
        },
      );

      await step('after a window reload the panel comes back with its result', async () => {
        assert.ok(result, 'needs the digits result');
        // The workbench's own reload saves the open editors first (a bare page reload may not get to).
        await Promise.all([
          page.waitForEvent('load', { timeout: 60_000 }),
          wb.runCommand('Developer: Reload Window'),
        ]);
        await wb.explorerRow('digits.csv').waitFor({ timeout: 90_000 });
        const scatter = wb.webview().locator('[data-testid=scatter][data-point-count]');
        await scatter.waitFor({ timeout: 60_000 });
        assert.equal(Number(await scatter.getAttribute('data-point-count')), result.rowCount);
        assert.equal(await wb.webview().locator('[data-testid=module-item]').count(), result.modules.length);
        await wb.shot('06-after-reload');
        // No worker survived the reload: a locality request makes the host prepare the data again in a new one.
        await wb.webview().locator('[data-testid=scatter] circle').nth(200).click({ force: true });
        await wb.webview().locator('[data-testid=heatmap][data-locality-id]').waitFor({ timeout: 30_000 });
      });

      await step(
        'Re-run recomputes the same result; Save writes it beside the data and asks before replacing',
        async () => {
          assert.ok(result, 'needs the digits result');
          const stored = resultFiles(profile, 'digits.csv')[0];
          const before = statSync(stored).mtimeMs;
          await wb.runCommand('LAVA: Re-run');
          for (let i = 0; i < 240 && statSync(stored).mtimeMs === before; i++) await page.waitForTimeout(500);
          assert.notEqual(statSync(stored).mtimeMs, before, 'the re-run stored a new result');
          const again = JSON.parse(readFileSync(stored, 'utf8'));
          // The data path is stored relative to each result file, so it differs between storage and beside the data.
          const withoutTimings = (r) => ({ ...r, timings: null, source: { ...r.source, file: null } });
          assert.deepEqual(
            withoutTimings(again),
            withoutTimings(result),
            'same data, options and seed give the same result',
          );
          const scatter = wb.webview().locator('[data-testid=scatter][data-point-count]');
          await scatter.waitFor({ timeout: 30_000 });

          const beside = join(ws, 'digits.lava.json');
          await wb.runCommand('LAVA: Save Result Beside the Data');
          for (let i = 0; i < 40 && !existsSync(beside); i++) await page.waitForTimeout(250);
          const saved = JSON.parse(readFileSync(beside, 'utf8'));
          assert.deepEqual(withoutTimings(saved), withoutTimings(result));
          assert.equal(saved.source.file, 'digits.csv', 'beside the data, the data is named relative to the result');
          const savedAt = statSync(beside).mtimeMs;
          await wb.runCommand('LAVA: Save Result Beside the Data');
          const dialog = page.locator('.monaco-dialog-box', { hasText: 'already exists' });
          await dialog.waitFor({ timeout: 15_000 });
          await wb.shot('06b-replace-dialog');
          await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
          await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
          await page.waitForTimeout(500); // the workbench hands focus back after the dialog; let it settle
          assert.equal(statSync(beside).mtimeMs, savedAt, 'declining leaves the saved result alone');
        },
      );

      await step(
        '"Explain Dataset with Options..." runs with the options picked, marked as from the command',
        async () => {
          const pick = async (text) => {
            const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
            await row.waitFor({ timeout: 15_000 });
            await row.click();
          };
          const type = async (text) => {
            const input = page.locator('.quick-input-widget input');
            await input.waitFor({ timeout: 15_000 });
            await input.fill(text);
            await page.keyboard.press('Enter');
            await page.waitForTimeout(300);
          };
          await wb.runCommand('LAVA: Explain Dataset with Options...');
          await pick('digits.csv');
          await pick('Compute the embedding with UMAP');
          await pick('All numeric columns');
          await type('4'); // modules
          await type('60'); // neighbours
          await type('0'); // seed (unchanged: stays out of the command layer)
          const items = wb.webview().locator('[data-testid=module-item]');
          for (let i = 0; i < 240 && (await items.count()) !== 4; i++) await page.waitForTimeout(500);
          assert.equal(await items.count(), 4, 'the panel shows the 4 modules asked for');
          const stored = JSON.parse(readFileSync(resultFiles(profile, 'digits.csv')[0], 'utf8'));
          assert.equal(stored.modules.length, 4);
          assert.equal(stored.params.neighbors, 60);
          assert.deepEqual(
            [
              stored.paramSources.modules,
              stored.paramSources.neighbors,
              stored.paramSources.umap,
              stored.paramSources.seed,
            ],
            ['command', 'command', 'command', 'default'],
          );
          await wb.shot('06c-with-options');
        },
      );

      await step(
        '"Open Result..." shows a saved result; a view exports as PNG through the save dialog',
        async () => {
          // Remote workspaces use VS Code's own path-typing dialog.
          await wb.runCommand('LAVA: Open Result...');
          const input = page.locator('.quick-input-widget input');
          await input.waitFor({ timeout: 15_000 });
          await page
            .locator('.quick-input-list .monaco-list-row', { hasText: 'digits.lava.json' })
            .first()
            .click();
          const items = wb.webview().locator('[data-testid=module-item]');
          for (let i = 0; i < 60 && (await items.count()) !== result.modules.length; i++)
            await page.waitForTimeout(500);
          assert.equal(
            await items.count(),
            result.modules.length,
            'the saved 8-module result replaced the 4-module one',
          );

          await wb.webview().locator('vscode-button, button', { hasText: 'PNG' }).first().click();
          await input.waitFor({ timeout: 15_000 });
          // The dialog fills its input in steps (folder, then name): wait for the whole default name.
          let target = '';
          for (let i = 0; i < 40 && !(target = await input.inputValue()).endsWith('.png'); i++)
            await page.waitForTimeout(250);
          assert.ok(target.endsWith('.png'), `default export name ${target}`);
          await wb.shot('06d-export-dialog');
          await page.keyboard.press('Enter');
          const png = target.startsWith('/') ? target : join(ws, target);
          for (let i = 0; i < 40 && !existsSync(png); i++) await page.waitForTimeout(250);
          const head = readFileSync(png).subarray(0, 8);
          assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
        },
      );

      await step('a ragged CSV gives an error notification naming the line', async () => {
        await wb.closeAllToasts();
        const item = await wb.contextMenu('bad.csv', /^Explain Dataset$/);
        await wb.choose(item);
        const toast = wb.toast('bad.csv');
        await toast.filter({ hasText: 'line 4' }).first().waitFor({ timeout: 60_000 });
        await wb.shot('07-bad-csv-error');
        const text = await toast.filter({ hasText: 'line 4' }).first().innerText();
        assert.match(text, /Open File at Line/);
        // The action opens the CSV at that row, cursor where its missing 5th cell would start (end of line 4).
        await toast
          .filter({ hasText: 'line 4' })
          .first()
          .locator('.monaco-button', { hasText: 'Open File at Line' })
          .click();
        await page
          .locator('.statusbar-item', { hasText: 'Ln 4, Col 12' })
          .first()
          .waitFor({ timeout: 15_000 });
        await wb.shot('08-bad-csv-opened-at-line');
        assert.equal(resultFiles(profile, 'bad.csv').length, 0, 'no result stored for a failed run');
      });

      await step('Cancel during a run stops the engine and stores nothing', async () => {
        await wb.closeAllToasts();
        await page.keyboard.press('Escape');
        await wb.explorerRow('cancel').click();
        const item = await wb.contextMenu('big.csv', /^Explain Dataset$/);
        await wb.choose(item);
        const progress = wb.toast('LAVA: big.csv');
        await progress.waitFor({ timeout: 60_000 });
        lap('big.csv: progress notification shown');
        const hosts = extensionHostPids(server.pid);
        assert.ok(hosts.length > 0, 'found the extension host process');
        const busy = async () => {
          const before = hosts.map(cpuSeconds);
          await page.waitForTimeout(3000);
          return hosts.map(cpuSeconds).reduce((sum, c, k) => sum + c - before[k], 0);
        };
        const running = await busy(); // UMAP of 12,000 rows takes far longer than this
        await wb.shot('09-running');
        await progress.hover();
        await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
        await wb.toast('cancelled').waitFor({ timeout: 30_000 });
        lap('big.csv: cancelled');
        await wb.shot('10-cancelled');
        const after = await busy();
        console.log(
          `extension host CPU over 3 s: ${running.toFixed(2)} s while running, ${after.toFixed(2)} s after Cancel`,
        );
        // A loaded machine gives the worker less than a core, hence a ratio rather than absolute CPU times.
        assert.ok(running > 0.5, `the run kept the extension host busy (${running.toFixed(2)} CPU s in 3 s)`);
        assert.ok(
          after < running / 3,
          `Cancel stopped the computation (${after.toFixed(2)} CPU s in 3 s after it)`,
        );
        assert.deepEqual(
          resultFiles(profile, 'big.csv'),
          [],
          'no result file (or temp file) for the cancelled run',
        );
      });

      await step('no error in the extension host log, no page error or CSP refusal in the browser', () => {
        const errors = extensionHostErrors(profile);
        assert.deepEqual(errors, [], errors.join('\n'));
        const bad = consoleLines.filter(
          (l) => l.startsWith('[pageerror]') || /Refused to|Content Security Policy/i.test(l),
        );
        assert.deepEqual(bad, [], bad.join('\n'));
      });
      lap('done');
    } finally {
      writeFileSync(join(SHOTS, 'browser-console.log'), consoleLines.join('\n'));
      copyLogs(profile, SHOTS);
      await browser.close().catch(() => {});
      await server.stop();
      if (!process.env.KEEP_E2E) rmSync(R, { recursive: true, force: true });
      else console.log(`kept ${R}`);
    }
  },
);
