// The explorer's webview panel: creation, strict CSP, revival after a reload; its messages go to an
// ExplorerHost (./explorerHost.ts), which speaks the rpc contract and holds the engine client for requests.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { htmlPage } from '../shared/htmlPage';
import type { ResultText } from '../shared/result/summary';
import type { Step } from '../shared/steps';
import type { LavaParams } from '../shared/params/types';
import type { EngineClient } from './engineClient';
import { ExplorerHost } from './explorerHost';

export const VIEW_TYPE = 'lavaExplorer';
export const PANEL_OPEN_CONTEXT = 'lava.panelOpen';

/** What the panel asks of the extension for its buttons: kept as callbacks so panel.ts does not know the commands. */
export interface PanelActions {
  rerun(panel: LavaPanel): void;
  /** The shown result at another k (the webview's candidate curve). */
  changeK(panel: LavaPanel, k: number): void;
  save(panel: LavaPanel): void;
  exportView(panel: LavaPanel, view: { format: 'png' | 'svg'; view: string; data: string }): void;
  /** The selection's rows out of the explorer: saved as CSV, copied, or opened in the data file. */
  exportSelection(panel: LavaPanel, rows: number[]): void;
  copyRows(panel: LavaPanel, rows: number[]): void;
  openRow(panel: LavaPanel, row: number): void;
  /** An engine client able to answer requests for a result shown without one (opened from disk or revived). */
  loadEngine(panel: LavaPanel): Promise<EngineClient>;
  log(line: string): void;
}

export class LavaPanel {
  static readonly all = new Set<LavaPanel>();
  /** The panel the Re-run and Save commands act on: the active one, else the last one that was active. */
  static current: LavaPanel | undefined;

  readonly panel: vscode.WebviewPanel;
  readonly host: ExplorerHost;
  /** The data file shown; null for a result whose data file is unknown or missing. */
  dataUri: vscode.Uri | null;
  /** Command-level options of the last run, reused by Re-run (settings and config are read afresh). */
  commandParams: Partial<LavaParams> = {};
  resultUri: vscode.Uri | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    actions: PanelActions,
    dataUri: vscode.Uri | null,
  ) {
    this.panel = panel;
    this.dataUri = dataUri;
    panel.webview.options = webviewOptions(extensionUri);
    const icon = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    if (existsSync(icon.fsPath)) panel.iconPath = icon;
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    this.host = new ExplorerHost(
      // A run can finish or fail after the user closed its panel; the webview is gone then.
      {
        post: (m) => {
          if (!this.host.isDisposed) void panel.webview.postMessage(m);
        },
      },
      {
        rerun: () => actions.rerun(this),
        changeK: (k) => actions.changeK(this, k),
        save: () => actions.save(this),
        exportView: (view) => actions.exportView(this, view),
        exportSelection: (rows) => actions.exportSelection(this, rows),
        copyRows: (rows) => actions.copyRows(this, rows),
        openRow: (row) => actions.openRow(this, row),
        openSettings: () => void vscode.commands.executeCommand('workbench.action.openSettings', 'lava.'),
        copy: (text, what) =>
          void vscode.env.clipboard
            .writeText(text)
            .then(() => vscode.window.setStatusBarMessage(`LAVA: copied ${what}`, 5000)),
        loadEngine: () => actions.loadEngine(this),
        log: (line) => actions.log(line),
      },
    );
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.host.receive(m)),
      panel.onDidChangeViewState(() => {
        if (panel.active) LavaPanel.current = this;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    LavaPanel.all.add(this);
    LavaPanel.current = this;
    void vscode.commands.executeCommand('setContext', PANEL_OPEN_CONTEXT, true);
  }

  static create(
    extensionUri: vscode.Uri,
    actions: PanelActions,
    dataUri: vscode.Uri | null,
    title: string,
  ): LavaPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      title,
      // Beside the data the first time; later panels join the column the explorer already uses.
      { viewColumn: LavaPanel.current?.panel.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true },
    );
    return new LavaPanel(panel, extensionUri, actions, dataUri);
  }

  /** The panel already showing this data file, else a new one. */
  static forData(extensionUri: vscode.Uri, actions: PanelActions, dataUri: vscode.Uri | null): LavaPanel {
    for (const p of LavaPanel.all) {
      if (dataUri && p.dataUri?.toString() === dataUri.toString()) {
        p.panel.reveal(undefined, true);
        return p;
      }
    }
    return LavaPanel.create(extensionUri, actions, dataUri, dataUri ? titleFor(dataUri) : 'LAVA Explorer');
  }

  /** After a window reload: the webview comes back empty; the host re-sends the stored result. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, actions: PanelActions): LavaPanel {
    return new LavaPanel(panel, extensionUri, actions, null);
  }

  get result(): ResultText | null {
    return this.host.result;
  }

  get running(): boolean {
    return this.host.running;
  }

  showRunning(step: Step, fraction: number): void {
    this.host.showRunning(this.dataUri ? vscode.workspace.asRelativePath(this.dataUri) : '', step, fraction);
  }

  /** The running run's embedding, drawn before its result. */
  showEmbedding(e: { coords: Float32Array; dims: number }): void {
    this.host.showEmbedding(e.coords, e.dims);
  }

  /**
   * Shows a result read from `resultUri` or just computed; `engine` (when the run just happened) answers the
   * webview's requests from memory ('kept': the one already answering, which computed this result at another k).
   * `dataUri` is the data file, null when unknown or missing.
   */
  showResult(
    result: ResultText,
    resultUri: vscode.Uri | null,
    engine: EngineClient | null | 'kept',
    dataUri: vscode.Uri | null,
  ): void {
    if (!this.host.isDisposed) {
      this.resultUri = resultUri;
      this.dataUri = dataUri;
      this.panel.title = dataUri ? titleFor(dataUri) : 'LAVA Explorer';
    }
    this.host.showResult(result, resultUri?.toString() ?? null, engine);
  }

  /** The data file of the shown result, located by the user: later requests load their engine from it. */
  setData(dataUri: vscode.Uri): void {
    this.dataUri = dataUri;
    this.panel.title = titleFor(dataUri);
    this.host.releaseEngine();
  }

  /** Back to the result shown before a re-run that was cancelled. */
  restore(): void {
    this.host.restore();
  }

  showError(message: string): void {
    this.host.showError(message);
  }

  get isDisposed(): boolean {
    return this.host.isDisposed;
  }

  /** Ends the engine thread kept for requests; a later request loads a new one from the data file. */
  releaseEngine(): void {
    this.host.releaseEngine();
  }

  dispose(): void {
    if (this.host.isDisposed) return;
    this.host.dispose();
    LavaPanel.all.delete(this);
    if (LavaPanel.current === this) LavaPanel.current = [...LavaPanel.all].pop();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    void vscode.commands.executeCommand('setContext', PANEL_OPEN_CONTEXT, LavaPanel.all.size > 0);
  }
}

export function titleFor(dataUri: vscode.Uri): string {
  const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
  return `LAVA: ${name}`;
}

/** What every LAVA webview may do: run its bundle, and load only the extension's dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** The nonce only lets our bundle run; everything else is refused by the CSP. */
export function panelHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  kind: 'explorer' | 'compare' = 'explorer',
): string {
  const nonce = randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  const dist = (name: string) => vscode.Uri.joinPath(extensionUri, 'dist', name);
  const css = [dist('codicon.css'), dist('webview.css')].filter((u) => existsSync(u.fsPath));
  const src = webview.cspSource;
  // No 'unsafe-inline' for styles: the webview styles from dist/webview.css, vscode-elements from constructable
  // stylesheets, and views through CSSOM (el.style.x = ...), none of which the policy blocks.
  const csp = [
    "default-src 'none'",
    `img-src ${src} data: blob:`,
    `style-src ${src}`,
    `font-src ${src}`,
    `script-src 'nonce-${nonce}'`,
  ];
  const links = css.map(
    (u) =>
      `<link rel="stylesheet" href="${webview.asWebviewUri(u).toString()}" ${u.path.endsWith('codicon.css') ? 'id="vscode-codicon-stylesheet"' : ''}>`,
  );
  return htmlPage({
    csp,
    title: 'LAVA Explorer',
    head: links.join('\n'),
    body: `<div id="app"${kind === 'compare' ? ' data-kind="compare"' : ''}></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(dist('webview.js')).toString()}"></script>`,
  });
}
