// One LAVA run from the extension: resolve options, read the file through workspace.fs, run the engine in a
// worker under a cancellable progress notification, store the result atomically, show it in the panel.
import * as vscode from 'vscode';
import { LavaPanel, type PanelActions } from '../panel';
import { readSettings } from '../settings';
import { EngineWorker } from '../engineClient';
import { resolveParams } from '../resolveParams';
import { exportView, readResult, saveBesideData, storeResult } from './results';
import { showRunError } from './showError';
import { LavaCancelled } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';
import type { Step } from '../../shared/steps';

const STEP_LABEL: Record<Step, string> = {
  read: 'Reading the data',
  prepare: 'Preparing features',
  embedding: 'Computing the embedding (UMAP)',
  localities: 'Placing localities',
  correlations: 'Correlating features per locality',
  modules: 'Factorizing into modules',
  result: 'Writing the result',
};

/** workspaceState key: the last result shown per panel, to revive panels whose webview state lacks it. */
export const LAST_RESULT_KEY = 'lava.lastResultUri';

export class Explainer implements PanelActions {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {}

  private get workerPath(): string {
    return vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'worker.js').fsPath;
  }

  log(line: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${line}`);
  }

  /** Runs LAVA on `dataUri` with command-level options `command`; shows it in `panel` (or the file's panel). */
  async explain(dataUri: vscode.Uri, command: Partial<LavaParams>, panel?: LavaPanel): Promise<void> {
    const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
    let target = panel;
    /** The run's worker until the panel takes it: a failed or cancelled run must not leave its thread behind. */
    let owned: EngineWorker | null = null;
    try {
      const { params, sources, configFile } = await resolveParams(
        dataUri.fsPath,
        readSettings(dataUri),
        command,
      );
      this.log(
        `run ${dataUri.fsPath}${configFile ? ` (config ${configFile})` : ''} params ${JSON.stringify(params)}`,
      );
      target = target ?? LavaPanel.forData(this.context.extensionUri, this, dataUri);
      if (target.running) {
        void vscode.window.showInformationMessage(`LAVA is already running on ${name}.`);
        target = undefined; // not ours to restore or close
        return;
      }
      target.dataUri = dataUri;
      target.commandParams = command;
      const panelRef = target;
      panelRef.showRunning('read', 0);
      const bytes = await vscode.workspace.fs.readFile(dataUri);
      const t0 = Date.now();
      const worker = new EngineWorker(this.workerPath);
      owned = worker;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `LAVA: ${name}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          // Also stop when the panel is closed mid-run: nobody would see the result.
          const closed = panelRef.panel.onDidDispose(() => abort.abort());
          let shown = 0;
          let lastText = '';
          try {
            return await worker.run(
              { file: dataUri.fsPath, bytes, params, paramSources: sources },
              (step, overall, message) => {
                // One report per visible change: the notification and the panel redraw on each.
                const percent = Math.max(shown, Math.round(overall * 100));
                const text = `${STEP_LABEL[step]}${message ? `: ${message}` : ''} (${percent}%)`;
                if (text === lastText) return;
                progress.report({ message: text, increment: percent - shown });
                shown = percent;
                lastText = text;
                panelRef.showRunning(step, overall);
              },
              abort.signal,
            );
          } finally {
            sub.dispose();
            closed.dispose();
          }
        },
      );
      const stored = await storeResult(this.context, dataUri, result);
      this.log(
        `done ${dataUri.fsPath} in ${Date.now() - t0} ms: ${result.modules.length} modules, stored ${stored.fsPath}`,
      );
      await this.context.workspaceState.update(LAST_RESULT_KEY, stored.toString());
      panelRef.showResult(result, stored, worker);
      owned = null;
    } catch (e) {
      owned?.dispose();
      if (e instanceof LavaCancelled) {
        this.log(`cancelled ${dataUri.fsPath}`);
        void vscode.window.showInformationMessage(`LAVA run on ${name} cancelled; nothing was written.`);
        if (target?.result && !target.isDisposed) target.restore();
        else target?.panel.dispose();
        return;
      }
      // The notification carries the details and actions; an empty panel would only be one more tab to close.
      if (target?.result) target.showError(e instanceof Error ? e.message : String(e));
      else target?.panel.dispose();
      void showRunError(e, (l) => this.log(l));
    }
  }

  rerun(panel: LavaPanel): void {
    if (!panel.dataUri) {
      void vscode.window.showWarningMessage(
        'LAVA: this result does not say which data file it came from; run "LAVA: Explain Dataset" on it.',
      );
      return;
    }
    void this.explain(panel.dataUri, panel.commandParams, panel);
  }

  save(panel: LavaPanel): void {
    const run = async () => {
      if (!panel.result) throw new Error('nothing to save yet');
      if (!panel.dataUri || panel.dataUri.scheme !== 'file')
        throw new Error('the data file of this result is unknown; it cannot be saved beside it');
      const path = await saveBesideData(panel.dataUri.fsPath, panel.result);
      if (path)
        void vscode.window.showInformationMessage(`LAVA: saved ${vscode.workspace.asRelativePath(path)}`);
    };
    run().catch(
      (e: unknown) =>
        void vscode.window.showErrorMessage(
          `LAVA: could not save the result: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
  }

  exportView(panel: LavaPanel, msg: { format: 'png' | 'svg'; view: string; data: string }): void {
    exportView(panel.dataUri, msg).catch(
      (e: unknown) =>
        void vscode.window.showErrorMessage(
          `LAVA: export failed: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
  }

  /** For a result shown without its run (opened or revived): prepare X again from its data file. */
  async loadWorker(panel: LavaPanel): Promise<EngineWorker> {
    const result = panel.result;
    if (!result || !panel.dataUri)
      throw new Error('the data file of this result is unknown, so its localities cannot be recomputed');
    const bytes = await vscode.workspace.fs.readFile(panel.dataUri);
    const worker = new EngineWorker(this.workerPath);
    try {
      await worker.load({
        file: panel.dataUri.fsPath,
        bytes,
        params: result.params,
        members: result.localities.members,
        features: result.features,
        rowCount: result.rowCount,
      });
    } catch (e) {
      worker.dispose();
      throw e;
    }
    return worker;
  }

  /** Shows a saved result (from the Open Result command or a revived panel). */
  async showStored(resultUri: vscode.Uri, panel?: LavaPanel): Promise<void> {
    const result = await readResult(resultUri);
    const dataUri = vscode.Uri.file(result.source.file);
    const target = panel ?? LavaPanel.forData(this.context.extensionUri, this, dataUri);
    target.showResult(result, resultUri, null);
  }
}
