// The explorer page's Content Security Policy: scripts only with the page's nonce, styles only from files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './support/vscodeStub';

/** The page's CSP as directive -> sources. */
function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.ok(content, 'the page declares a CSP');
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]): [string, string[]] => [name, sources]),
  );
}

test("the panel's CSP allows no inline style and no script without the page's nonce (review defect 7)", async () => {
  const { panelHtml } = await import('../../src/extension/panel');
  const webview = {
    cspSource: 'https://webview.test',
    asWebviewUri: (u: { path: string }) => ({ toString: () => `https://webview.test${u.path}` }),
  };
  const html = panelHtml(webview as never, { path: '/ext', fsPath: '/ext' } as never);
  const policy = csp(html);
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('style-src'), ['https://webview.test'], 'styles from the stylesheets only');
  const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
  assert.ok(nonce && nonce.length >= 16);
  assert.deepEqual(policy.get('script-src'), [`'nonce-${nonce}'`]);
  assert.doesNotMatch(html, /style="|<style/, 'the page itself has no inline style either');
});
