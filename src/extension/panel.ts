// The explorer's webview panel: creation, strict CSP, revival after a reload, and message routing
// between the webview (src/protocol.ts) and the engine worker that answers locality and pair requests.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LavaResult } from '../shared/result/types';
import type { FromWebviewMessage, ToWebviewMessage } from '../shared/protocol';
import { EngineWorker } from './engineClient';
import type { LavaParams } from '../shared/params/types';

export const VIEW_TYPE = 'lavaExplorer';
export const PANEL_OPEN_CONTEXT = 'lava.panelOpen';

/** What the panel asks of the extension for its buttons: kept as callbacks so panel.ts does not know the commands. */
export interface PanelActions {
  rerun(panel: LavaPanel): void;
  save(panel: LavaPanel): void;
  exportView(panel: LavaPanel, msg: Extract<FromWebviewMessage, { type: 'export' }>): void;
  /** A worker able to answer requests for a result shown without one (opened from disk or revived). */
  loadWorker(panel: LavaPanel): Promise<EngineWorker>;
  log(line: string): void;
}

export class LavaPanel {
  static readonly all = new Set<LavaPanel>();
  /** The panel the Re-run and Save commands act on: the active one, else the last one that was active. */
  static current: LavaPanel | undefined;

  readonly panel: vscode.WebviewPanel;
  /** The data file shown; null for a result whose data file is unknown. */
  dataUri: vscode.Uri | null;
  /** Command-level options of the last run, reused by Re-run (settings and config are read afresh). */
  commandParams: Partial<LavaParams> = {};
  result: LavaResult | null = null;
  resultUri: vscode.Uri | null = null;
  appliedFrom: Record<string, string> = {};
  running = false;
  private worker: EngineWorker | null = null;
  private workerLoading: Promise<EngineWorker> | null = null;
  private lastRunning: ToWebviewMessage | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly actions: PanelActions,
    dataUri: vscode.Uri | null,
  ) {
    this.panel = panel;
    this.dataUri = dataUri;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
    };
    const icon = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    if (existsSync(icon.fsPath)) panel.iconPath = icon;
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromWebviewMessage) => void this.onMessage(m)),
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
  static forData(extensionUri: vscode.Uri, actions: PanelActions, dataUri: vscode.Uri): LavaPanel {
    for (const p of LavaPanel.all) {
      if (p.dataUri?.toString() === dataUri.toString()) {
        p.panel.reveal(undefined, true);
        return p;
      }
    }
    return LavaPanel.create(extensionUri, actions, dataUri, titleFor(dataUri));
  }

  /** After a window reload: the webview comes back empty; the host re-sends the stored result. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, actions: PanelActions): LavaPanel {
    return new LavaPanel(panel, extensionUri, actions, null);
  }

  private post(msg: ToWebviewMessage): void {
    // A run can finish or fail after the user closed its panel; the webview is gone then.
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  showRunning(step: string, fraction: number): void {
    this.running = true;
    this.lastRunning = {
      type: 'running',
      file: this.dataUri ? vscode.workspace.asRelativePath(this.dataUri) : '',
      step,
      fraction,
    };
    this.post(this.lastRunning);
  }

  /** Shows a result; `worker` (when the run just happened) answers the webview's requests from memory. */
  showResult(result: LavaResult, resultUri: vscode.Uri | null, worker: EngineWorker | null): void {
    this.running = false;
    this.lastRunning = null;
    this.result = result;
    this.resultUri = resultUri;
    this.appliedFrom = { ...(result.paramSources ?? {}) };
    if (worker) this.setWorker(worker);
    else this.setWorker(null);
    if (!this.dataUri && result.source.file && existsSync(result.source.file))
      this.dataUri = vscode.Uri.file(result.source.file);
    this.panel.title = this.dataUri ? titleFor(this.dataUri) : 'LAVA Explorer';
    this.sendResult();
  }

  /** Back to the result shown before a re-run that was cancelled. */
  restore(): void {
    this.running = false;
    this.lastRunning = null;
    if (this.result) this.sendResult();
  }

  showError(message: string): void {
    this.running = false;
    this.lastRunning = null;
    this.post({ type: 'error', message });
  }

  private sendResult(): void {
    if (!this.result) return;
    this.post({
      type: 'result',
      result: this.result,
      resultUri: this.resultUri?.toString(),
      appliedFrom: this.appliedFrom,
    });
  }

  private setWorker(worker: EngineWorker | null): void {
    if (this.worker && this.worker !== worker) this.worker.dispose();
    this.worker = worker;
    this.workerLoading = null;
  }

  private async getWorker(): Promise<EngineWorker> {
    if (this.worker?.alive) return this.worker;
    if (!this.workerLoading) {
      const loading = this.actions.loadWorker(this);
      this.workerLoading = loading;
      loading.then(
        (w) => {
          // A newer result (or closing the panel) while loading makes this worker useless.
          if (this.workerLoading === loading && !this.disposed) this.worker = w;
          else w.dispose();
        },
        () => {
          if (this.workerLoading === loading) this.workerLoading = null;
        },
      );
    }
    return this.workerLoading;
  }

  private async onMessage(m: FromWebviewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'ready':
          if (this.result) this.sendResult();
          if (this.running && this.lastRunning) this.post(this.lastRunning);
          return;
        case 'requestLocality': {
          const reply = await (await this.getWorker()).requestLocality(m.locality);
          this.post({ ...reply, requestId: m.requestId });
          return;
        }
        case 'requestPair': {
          const reply = await (await this.getWorker()).requestPair(m.a, m.b);
          this.post({ ...reply, requestId: m.requestId });
          return;
        }
        case 'rerun':
          this.actions.rerun(this);
          return;
        case 'saveResult':
          this.actions.save(this);
          return;
        case 'export':
          this.actions.exportView(this, m);
          return;
        case 'openSettings':
          await vscode.commands.executeCommand('workbench.action.openSettings', 'lava.');
          return;
      }
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      this.actions.log(`webview request ${m.type} failed: ${text}`);
      if (m.type === 'requestLocality' || m.type === 'requestPair')
        void vscode.window.showWarningMessage(`LAVA: ${text}`);
    }
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Ends the worker thread kept for requests; a later request loads a new one from the data file. */
  releaseWorker(): void {
    this.setWorker(null);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    LavaPanel.all.delete(this);
    if (LavaPanel.current === this) LavaPanel.current = [...LavaPanel.all].pop();
    this.setWorker(null);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    void vscode.commands.executeCommand('setContext', PANEL_OPEN_CONTEXT, LavaPanel.all.size > 0);
  }
}

export function titleFor(dataUri: vscode.Uri): string {
  const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
  return `LAVA: ${name}`;
}

/** The nonce only lets our bundle run; everything else is refused by the CSP. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  const dist = (name: string) => vscode.Uri.joinPath(extensionUri, 'dist', name);
  const css = [dist('codicon.css'), dist('webview.css')].filter((u) => existsSync(u.fsPath));
  const src = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `img-src ${src} data: blob:`,
    `style-src ${src} 'unsafe-inline'`,
    `font-src ${src}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const links = css
    .map(
      (u) =>
        `<link rel="stylesheet" href="${webview.asWebviewUri(u).toString()}" ${u.path.endsWith('codicon.css') ? 'id="vscode-codicon-stylesheet"' : ''}>`,
    )
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${links}
    <title>LAVA Explorer</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${nonce}" src="${webview.asWebviewUri(dist('webview.js')).toString()}"></script>
  </body>
</html>`;
}
