// The compare panel: a webview of its own kind (the webview bundle's compare app) fed one comparison note.
import * as vscode from 'vscode';
import { compareHostContract, compareWebviewContract } from '../shared/protocol';
import { Peer } from '../shared/rpc';
import { panelHtml } from './panel';

export const COMPARE_VIEW_TYPE = 'lavaCompare';

export interface ComparisonTexts {
  file: string;
  text: string;
  a: { file: string; text: string };
  b: { file: string; text: string };
}

/** Opens a compare panel showing `texts` once its webview says it is ready. */
export function openComparePanel(extensionUri: vscode.Uri, title: string, texts: ComparisonTexts, log: (l: string) => void): void {
  const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  });
  panel.webview.html = panelHtml(panel.webview, extensionUri, 'compare');
  const peer = new Peer({ post: (m) => void panel.webview.postMessage(m) }, compareHostContract, compareWebviewContract, {
    onDrop: (why) => log(`compare panel: dropped a message: ${why}`),
  });
  // Sent on every ready: a webview that reloads (hidden and shown with its context released) asks again.
  peer.on('ready', () => peer.notify('comparison', texts));
  const sub = panel.webview.onDidReceiveMessage((m: unknown) => peer.receive(m));
  panel.onDidDispose(() => {
    sub.dispose();
    peer.dispose();
  });
}
