// The compare panel: a webview of its own kind (the webview bundle's compare app) fed one comparison note; after a
// window reload VS Code hands back the three files' URIs the webview kept, and the panel reads them again.
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import {
  CompareWebviewStateSchema,
  compareHostContract,
  compareWebviewContract,
  type CompareWebviewState,
} from '../shared/protocol';
import { Peer } from '../shared/rpc';
import { panelHtml, webviewOptions } from './panel';

export const COMPARE_VIEW_TYPE = 'lavaCompare';

export interface ComparisonTexts {
  file: string;
  text: string;
  a: { file: string; text: string };
  b: { file: string; text: string };
  uris?: CompareWebviewState['compare'];
}

/** The comparison file and both results read from disk, named relative to the workspace for the webview. */
export async function readComparisonTexts(uris: {
  comparison: vscode.Uri;
  a: vscode.Uri;
  b: vscode.Uri;
}): Promise<ComparisonTexts> {
  const [text, ta, tb] = await Promise.all(
    [uris.comparison, uris.a, uris.b].map((u) => fsp.readFile(u.fsPath, 'utf8')),
  );
  const rel = (u: vscode.Uri) => vscode.workspace.asRelativePath(u);
  return {
    file: rel(uris.comparison),
    text,
    a: { file: rel(uris.a), text: ta },
    b: { file: rel(uris.b), text: tb },
    uris: { comparison: uris.comparison.toString(), a: uris.a.toString(), b: uris.b.toString() },
  };
}

/** Opens a compare panel showing `texts` once its webview says it is ready. */
export function openComparePanel(
  extensionUri: vscode.Uri,
  title: string,
  texts: ComparisonTexts,
  log: (l: string) => void,
): void {
  const panel = vscode.window.createWebviewPanel(
    COMPARE_VIEW_TYPE,
    title,
    vscode.ViewColumn.Active,
    webviewOptions(extensionUri),
  );
  connect(panel, extensionUri, log, (peer) => peer.notify('comparison', texts));
}

type ComparePeer = Peer<typeof compareHostContract, typeof compareWebviewContract>;

/** The panel's page and its message peer; `onReady` runs on every ready (a reloaded webview asks again). */
function connect(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  log: (l: string) => void,
  onReady: (p: ComparePeer) => void,
): void {
  panel.webview.html = panelHtml(panel.webview, extensionUri, 'compare');
  const peer: ComparePeer = new Peer(
    { post: (m) => void panel.webview.postMessage(m) },
    compareHostContract,
    compareWebviewContract,
    {
      onDrop: (why) => log(`compare panel: dropped a message: ${why}`),
    },
  );
  peer.on('ready', () => onReady(peer));
  const sub = panel.webview.onDidReceiveMessage((m: unknown) => peer.receive(m));
  panel.onDidDispose(() => {
    sub.dispose();
    peer.dispose();
  });
}

/**
 * Brings compare panels back after a window reload. The state comes from the webview, so it is checked like any
 * of its messages; the files are read again (they may have changed or gone: the panel then says so).
 */
export function comparePanelSerializer(
  extensionUri: vscode.Uri,
  log: (l: string) => void,
): vscode.WebviewPanelSerializer {
  return {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      panel.webview.options = webviewOptions(extensionUri);
      const checked = CompareWebviewStateSchema.safeParse(state);
      const texts = checked.success
        ? await readComparisonTexts({
            comparison: vscode.Uri.parse(checked.data.compare.comparison),
            a: vscode.Uri.parse(checked.data.compare.a),
            b: vscode.Uri.parse(checked.data.compare.b),
          }).catch(
            (e: unknown) =>
              `Could not read the comparison again: ${e instanceof Error ? e.message : String(e)}. Run "LAVA: Compare Results..." again.`,
          )
        : 'This comparison was restored without its files; run "LAVA: Compare Results..." again.';
      connect(panel, extensionUri, log, (peer) =>
        typeof texts === 'string'
          ? peer.notify('error', { message: texts })
          : peer.notify('comparison', texts),
      );
    },
  };
}
