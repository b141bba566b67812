// One LAVA run from the extension: resolve options, read the file through workspace.fs, run the engine in a
// worker under a cancellable progress notification, store the result atomically, show it in the panel.
import * as vscode from 'vscode';
import { LavaPanel, type PanelActions } from '../panel';
import { readSettings } from '../settings';
import { EngineClient, type ProgressListener } from '../engineClient';
import { resolveRunParams } from '../resolveParams';
import { progressText } from '../progressText';
import { exportView, readResult, saveBesideData, storedResultUri, workspaceFolderOf } from './results';
import { showRunError } from './showError';
import { needsConsent } from './storedResult';
import { pathOptions, unchosenOutside } from './dataFiles';
import { headerOfFile } from './dataHeader';
import { askEmbeddingFile, type FileInfo, type Prompter } from './optionSteps';
import { dataFileFilter } from './pickInputs';
import { formatOf } from '../../engine/read/formats';
import { describeRunError } from './errorPlace';
import { copyRowLines, exportSelection, openRow } from './selectionOut';
import { isMissingEmbedding, numericColumns, offerEmbedding, type OfferUi } from './embeddingOffer';
import { LavaCancelled } from '../../shared/errors';
import type { LavaParams } from '../../shared/params/types';
import type { ResultText } from '../../shared/result/summary';
import type { LavaResult } from '../../shared/result/types';
import { decodeResult } from '../../shared/result/decode';
import type { RunParams } from '../../engine/io/configFile';
import { writeFileAtomic } from '../../engine/io/resultFile';

/** workspaceState key: the last result shown per panel, to revive panels whose webview state lacks it. */
export const LAST_RESULT_KEY = 'lava.lastResultUri';

const LOCATE = 'Locate the Data File...';

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

  /** The options of a run on `dataUri`: settings, the workspace's .lava.json and `command`. */
  resolve(dataUri: vscode.Uri, command: Partial<LavaParams>): Promise<RunParams> {
    return resolveRunParams(dataUri.fsPath, readSettings(dataUri), command, workspaceFolderOf(dataUri));
  }

  /** What the options wizard offers for a data file: a CSV's header (its first bytes), else what the worker reads. */
  async fileInfo(dataUri: vscode.Uri): Promise<FileInfo> {
    const file = localPath(dataUri);
    if (formatOf(file) === 'csv') return { format: 'csv', columns: await headerOfFile(file), choices: {} };
    const engine = EngineClient.start(this.workerPath, (l) => this.log(l));
    try {
      return await engine.inspect(file);
    } finally {
      engine.dispose();
    }
  }

  /**
   * The command options a plain "Explain Dataset" needs asked: a .npy holds no embedding, so unless options give
   * one, the user picks its file. Null when the user backs out.
   */
  async missingOptions(dataUri: vscode.Uri, ui: Prompter): Promise<Partial<LavaParams> | null> {
    if (formatOf(dataUri.path) !== 'npy') return {};
    const { params } = await this.resolve(dataUri, {});
    if (params.umap || params.embeddingFile !== undefined) return {};
    const embeddingFile = await askEmbeddingFile(ui);
    return embeddingFile === undefined ? null : { embeddingFile };
  }

  /** Runs LAVA on `dataUri` with command-level options `command`; shows it in `panel` (or the file's panel). */
  async explain(dataUri: vscode.Uri, command: Partial<LavaParams>, panel?: LavaPanel): Promise<void> {
    const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
    let target = panel;
    try {
      const run = await this.resolve(dataUri, command);
      this.log(
        `run ${dataUri.fsPath}${run.configFile ? ` (config ${run.configFile})` : ''} params ${JSON.stringify(run.params)}`,
      );
      target = target ?? LavaPanel.forData(this.context.extensionUri, this, dataUri);
      if (target.running) {
        void vscode.window.showInformationMessage(`LAVA is already running on ${name}.`);
        target = undefined; // not ours to restore or close
        return;
      }
      target.dataUri = dataUri;
      target.commandParams = command;
      if (!(await this.mayReadBeside(run))) throw new LavaCancelled();
      await this.runAndShow(target, dataUri, run);
    } catch (e) {
      if (isMissingEmbedding(e) && !target?.result) return this.offerEmbedding(dataUri, command, target);
      this.failed(e, dataUri, target);
    }
  }

  /** No embedding columns: offer UMAP or a choice of columns, and run again with that, instead of an error. */
  private async offerEmbedding(
    dataUri: vscode.Uri,
    command: Partial<LavaParams>,
    panel?: LavaPanel,
  ): Promise<void> {
    panel?.panel.dispose();
    const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
    const ui: OfferUi = {
      ask: (message, ...choices) => vscode.window.showWarningMessage(message, ...choices),
      pickMany: (names, title) =>
        vscode.window
          .showQuickPick(names, { title, canPickMany: true, ignoreFocusOut: true })
          .then((picked) => picked),
      warn: (message) => void vscode.window.showWarningMessage(message),
    };
    const options = await offerEmbedding(name, () => numericColumns(dataUri.fsPath), ui);
    this.log(
      `no embedding in ${dataUri.fsPath}: ${options ? `running with ${JSON.stringify(options)}` : 'declined'}`,
    );
    if (options) await this.explain(dataUri, { ...command, ...options });
  }

  /** The run itself: its engine thread is the panel's afterwards, or ended when anything fails. */
  private async runAndShow(panel: LavaPanel, dataUri: vscode.Uri, run: RunParams): Promise<void> {
    panel.showRunning('read', 0);
    const file = localPath(dataUri);
    const stored = await storedResultUri(this.context, dataUri);
    const t0 = Date.now();
    const engine = EngineClient.start(this.workerPath, (l) => this.log(l));
    engine.onEmbedding((e) => panel.showEmbedding(e));
    try {
      const result = await this.withProgress(panel, dataUri, run.params, (onProgress, signal) =>
        engine.run(
          {
            file,
            params: run.params,
            paramSources: run.sources,
            ...(run.configFile ? { configFile: run.configFile } : {}),
            resultPath: stored.fsPath,
          },
          onProgress,
          signal,
        ),
      );
      // The thread encoded the text for this path: written as it is, only after the run completed.
      await writeFileAtomic(stored.fsPath, result.text);
      this.log(
        `done ${dataUri.fsPath} in ${Date.now() - t0} ms: ${result.summary.moduleCount} modules, stored ${stored.fsPath}`,
      );
      await this.context.workspaceState.update(LAST_RESULT_KEY, stored.toString());
      // A panel closed meanwhile ends the engine here instead of keeping it.
      panel.showResult(result, stored, engine, dataUri);
    } catch (e) {
      engine.dispose();
      throw e;
    }
  }

  /** Runs `job` under a cancellable notification that also stops when the panel closes; mirrors progress in the panel. */
  private withProgress(
    panel: LavaPanel,
    dataUri: vscode.Uri,
    params: LavaParams,
    job: (onProgress: ProgressListener, signal: AbortSignal) => Promise<ResultText>,
  ): Promise<ResultText> {
    const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `LAVA: ${name}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          // Also stop when the panel is closed mid-run: nobody would see the result.
          const closed = panel.panel.onDidDispose(() => abort.abort());
          let shown = 0;
          let lastText = '';
          try {
            return await job((step, overall, message) => {
              // One report per visible change: the notification and the panel redraw on each.
              const percent = Math.max(shown, Math.round(overall * 100));
              const text = progressText(step, params, percent, message);
              if (text === lastText) return;
              progress.report({ message: text, increment: percent - shown });
              shown = percent;
              lastText = text;
              panel.showRunning(step, overall);
            }, abort.signal);
          } finally {
            sub.dispose();
            closed.dispose();
          }
        },
      ),
    );
  }

  private failed(e: unknown, dataUri: vscode.Uri, target: LavaPanel | undefined): void {
    const name = dataUri.path.slice(dataUri.path.lastIndexOf('/') + 1);
    if (e instanceof LavaCancelled) {
      this.log(`cancelled ${dataUri.fsPath}`);
      void vscode.window.showInformationMessage(`LAVA run on ${name} cancelled; nothing was written.`);
      if (target?.result && !target.isDisposed) target.restore();
      else target?.panel.dispose();
      return;
    }
    // The notification carries the details and actions; an empty panel would only be one more tab to close.
    if (target?.result) target.showError(describeRunError(e, (f) => vscode.workspace.asRelativePath(f)));
    else target?.panel.dispose();
    void showRunError(e, (l) => this.log(l));
  }

  rerun(panel: LavaPanel): void {
    const go = async () => {
      const dataUri =
        panel.dataUri ?? (await this.locateData(panel, 'Re-run needs the data file of this result.'));
      if (dataUri) await this.explain(dataUri, panel.commandParams, panel);
    };
    void go();
  }

  /** The panel's result at another k: only Step 3 runs again, in the panel's engine, under the same progress as a run. */
  changeK(panel: LavaPanel, k: number): void {
    const dataUri = panel.dataUri;
    if (!dataUri || !panel.result) return;
    const params = panel.result.summary.params;
    const go = async () => {
      panel.showRunning('modules', 0);
      const stored = await storedResultUri(this.context, dataUri);
      const result = await this.withProgress(panel, dataUri, params, (onProgress, signal) =>
        panel.host.modulesAtK(k, stored.fsPath, onProgress, signal),
      );
      // The thread encoded the text for this path, as for a run.
      await writeFileAtomic(stored.fsPath, result.text);
      this.log(`k = ${k} for ${dataUri.fsPath}: ${result.summary.moduleCount} modules, stored ${stored.fsPath}`);
      await this.context.workspaceState.update(LAST_RESULT_KEY, stored.toString());
      // Re-run keeps the k the user picked.
      panel.commandParams = { ...panel.commandParams, modules: k };
      panel.showResult(result, stored, 'kept', dataUri);
    };
    go().catch((e: unknown) => this.failed(e, dataUri, panel));
  }

  save(panel: LavaPanel): void {
    const run = async () => {
      if (!panel.result) throw new Error('nothing to save yet');
      if (!panel.dataUri || panel.dataUri.scheme !== 'file')
        throw new Error('the data file of this result is unknown; it cannot be saved beside it');
      const path = await saveBesideData(panel.dataUri.fsPath, panel.result, workspaceFolderOf(panel.dataUri));
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

  exportSelection(panel: LavaPanel, rows: number[]): void {
    this.report('export the selection', async () => {
      const path = await exportSelection(panel.dataUri, shownResult(panel), rows);
      if (path)
        void vscode.window.showInformationMessage(`LAVA: saved ${vscode.workspace.asRelativePath(path)}`);
    });
  }

  copyRows(panel: LavaPanel, rows: number[]): void {
    this.report('copy the line numbers', () => copyRowLines(shownResult(panel), rows));
  }

  openRow(panel: LavaPanel, row: number): void {
    this.report('open the row', () => openRow(panel.dataUri, shownResult(panel), row, panel.panel.viewColumn));
  }

  /** Runs a panel action; a failure becomes an error notification saying what could not be done. */
  private report(what: string, job: () => Promise<void>): void {
    job().catch(
      (e: unknown) =>
        void vscode.window.showErrorMessage(
          `LAVA: could not ${what}: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
  }

  /** For a result shown without its run (opened or revived): prepare X again from its data file. */
  async loadEngine(panel: LavaPanel): Promise<EngineClient> {
    const result = panel.result;
    if (!result || !panel.dataUri)
      throw new Error(
        `the data file of this result is missing, so its localities cannot be recomputed; use "${LOCATE}" or Re-run`,
      );
    const file = localPath(panel.dataUri);
    const engine = EngineClient.start(this.workerPath, (l) => this.log(l));
    try {
      await engine.load({ file, text: result.text, params: result.summary.params });
    } catch (e) {
      engine.dispose();
      throw e;
    }
    return engine;
  }

  /** Shows a saved result (from the Open Result command or a revived panel); asks for its data when missing. */
  async showStored(resultUri: vscode.Uri, panel?: LavaPanel): Promise<void> {
    const result = await readResult(resultUri);
    const file = result.summary.source.file;
    const found = file !== '' && (await exists(vscode.Uri.file(file)));
    const dataUri = found && (await this.mayRead(result, resultUri)) ? vscode.Uri.file(file) : null;
    const target = panel ?? LavaPanel.forData(this.context.extensionUri, this, dataUri);
    target.showResult(result, resultUri, null, dataUri);
    if (!found)
      void this.locateData(
        target,
        `The data file of this result (${file || 'unknown'}) is missing; clicking a point and Re-run need it.`,
      );
  }

  /**
   * A result from elsewhere may name any file (its data, an embedding or metadata file): those outside the
   * workspace are read only if the user says so.
   */
  private async mayRead(result: ResultText, resultUri: vscode.Uri): Promise<boolean> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const own = (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
    const files = [result.summary.source.file, ...pathOptions(result.summary.params)];
    const outside = files.filter((f) => needsConsent(f, resultUri.fsPath, folders, own));
    if (outside.length === 0) return true;
    const READ = 'Read It';
    const choice = await vscode.window.showWarningMessage(
      `LAVA: this result names files outside the workspace: ${outside.join(', ')}. Read them (to answer clicks and Re-run)?`,
      { modal: true },
      READ,
    );
    return choice === READ;
  }

  /**
   * An embedding or metadata file that a .lava.json names outside the workspace is read only if the user says
   * so (one the user picked for this run is theirs to read).
   */
  private async mayReadBeside(run: RunParams): Promise<boolean> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const outside = unchosenOutside(run.params, run.sources, folders);
    if (outside.length === 0) return true;
    const READ = 'Read It';
    const choice = await vscode.window.showWarningMessage(
      `LAVA: ${run.configFile ?? 'the options'} name files outside the workspace: ${outside.join(', ')}. Read them for this run?`,
      { modal: true },
      READ,
    );
    return choice === READ;
  }

  /** Asks the user where the data file of the panel's result is; the explorer keeps showing the result meanwhile. */
  private async locateData(panel: LavaPanel, why: string): Promise<vscode.Uri | null> {
    const choice = await vscode.window.showWarningMessage(`LAVA: ${why}`, LOCATE);
    if (choice !== LOCATE || panel.isDisposed) return null;
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: dataFileFilter(),
      title: 'LAVA: Where is the data file of this result?',
    });
    const uri = picked?.[0] ?? null;
    if (uri && !panel.isDisposed) panel.setData(uri);
    return uri;
  }
}

/**
 * The path the engine's worker reads: the extension host runs where the workspace's files are (also in remote
 * workspaces: SSH, WSL, containers), so a file: URI is a local path there. Other schemes cannot be read by path.
 */
/** The host keeps a result as its text; rows leaving the explorer need its arrays: decoded once per result. */
const decoded = new WeakMap<ResultText, LavaResult>();

function shownResult(panel: LavaPanel): LavaResult {
  const text = panel.result;
  if (!text) throw new Error('no result is shown');
  let r = decoded.get(text);
  if (!r) decoded.set(text, (r = decodeResult(text.text, 'the shown result')));
  return r;
}

function localPath(uri: vscode.Uri): string {
  if (uri.scheme === 'file') return uri.fsPath;
  throw new Error(
    `LAVA reads data files from disk, and ${uri.toString()} is not on disk (scheme "${uri.scheme}"); save a copy in the workspace folder and explain that`,
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
