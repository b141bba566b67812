// Drives the VS Code workbench in Chromium (playwright-core): palette, explorer menu, toasts, webview frames.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function openBrowser(executablePath, profile) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: profile.env.XDG_CONFIG_HOME,
      XDG_CACHE_HOME: profile.env.XDG_CACHE_HOME,
    },
  });
}

export class Workbench {
  constructor(page, shotsDir) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.shots = [];
    mkdirSync(shotsDir, { recursive: true });
  }

  async shot(name) {
    const path = join(this.shotsDir, `${name}.png`);
    await this.page.screenshot({ path });
    this.shots.push(path);
    return path;
  }

  explorerRow(name) {
    return this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  }

  /** Palette entries of an extension register a moment after the workbench shows: reopen until the row is there. */
  async runCommand(title, timeoutMs = 60_000) {
    const page = this.page;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Keys go to whatever has focus; a focused webview (its frame) would take them: give focus back to the
      // workbench page first.
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      });
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      // A webview that takes focus back as it shows (after a tab switch) closes the palette again: retry.
      try {
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ timeout: 2_000 });
        await page.keyboard.press('Enter');
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /**
   * "Developer: Reload Window", letting the reloaded page boot only once `beforeBoot()` has resolved. It holds
   * the request for the workbench script (routing also bypasses the cache, so the request is always made), which
   * the new page sends after the old one has unloaded and told its extension host to terminate. A rejection of
   * `beforeBoot` fails the reload once the page has loaded.
   */
  async reloadWindow(beforeBoot, timeoutMs = 90_000) {
    const page = this.page;
    const script = '**/out/vs/code/browser/workbench/workbench.js';
    let failure;
    await page.route(
      script,
      async (route) => {
        await beforeBoot().catch((e) => (failure = e instanceof Error ? e : new Error(String(e))));
        await route.continue();
      },
      { times: 1 },
    );
    try {
      await Promise.all([
        page.waitForEvent('load', { timeout: timeoutMs }),
        this.runCommand('Developer: Reload Window'),
      ]);
    } finally {
      await page.unroute(script);
    }
    if (failure) throw failure;
  }

  /**
   * Right-click a file in the Explorer and find a menu entry (retried: menus fill in once the extension is known).
   * The menu must belong to that file: the right-clicked row takes the focus, and a click that lands on another
   * row (the tree re-renders as files appear, e.g. an export written just before) is retried, not chosen.
   */
  async contextMenu(fileName, entry, timeoutMs = 60_000) {
    const page = this.page;
    const deadline = Date.now() + timeoutMs;
    const focused = page.locator('.explorer-folders-view .monaco-list-row.focused', { hasText: fileName });
    for (;;) {
      await page.keyboard.press('Escape');
      await this.explorerRow(fileName).click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item .action-label', { hasText: entry }).first();
      try {
        await item.waitFor({ timeout: 2_000 });
        if ((await focused.count()) === 0)
          throw new Error(`the Explorer menu opened on another row than ${fileName}`);
        return item;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /**
   * Chooses a context-menu entry. A click that lands while the menu is still animating in is lost, so wait a
   * moment, click, and fall back to the keyboard (the entry is focused on hover) if the menu stayed open.
   */
  async choose(item) {
    const page = this.page;
    await item.hover();
    await page.waitForTimeout(300);
    await item.click();
    const menu = page.locator('.monaco-menu');
    try {
      await menu.first().waitFor({ state: 'hidden', timeout: 2_000 });
    } catch {
      await item.hover();
      await page.keyboard.press('Enter');
      await menu.first().waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }

  /** outer iframe.webview (class "ready" once loaded) -> inner iframe#active-frame. */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  toast(text) {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  async closeAllToasts() {
    await this.runCommand('Notifications: Clear All Notifications');
  }
}
