// The host's side of one explorer webview, free of vscode so it is unit-tested with a fake webview: the rpc
// peer (shared/protocol.ts), the notes it sends (running, embedding, result, error), its answers to the webview's
// requests (locality, pair, feature, selection, rows) through an engine client, another k, and the webview's buttons handed to
// the extension as actions.
import { Peer, RemoteError, describeWireError, type Port } from '../shared/rpc';
import { hostContract, webviewContract, type HostContract, type WebviewContract } from '../shared/protocol';
import type { ResultText } from '../shared/result/summary';
import type { Step } from '../shared/steps';
import { settingName } from '../shared/params/names';
import type { EngineClient, ProgressListener } from './engineClient';

/** What the webview's buttons and requests need from the extension. */
export interface ExplorerActions {
  rerun(): void;
  /** The webview asks for the shown result at another k: the extension runs it under its progress (modulesAtK below). */
  changeK(k: number): void;
  save(): void;
  exportView(view: { format: 'png' | 'svg'; view: string; data: string }): void;
  openSettings(): void;
  /** Save the rows of the shown result as CSV (through a save dialog). */
  exportSelection(rows: number[]): void;
  /** Put the rows' line numbers on the clipboard. */
  copyRows(rows: number[]): void;
  /** Open the data file at the row's line. */
  openRow(row: number): void;
  /** Puts `text` on the clipboard (the webview's own clipboard access is not granted everywhere). */
  copy(text: string, what: string): void;
  /** An engine client able to answer requests for the shown result (opened from disk or revived). */
  loadEngine(): Promise<EngineClient>;
  log(line: string): void;
}

/** A failure as the webview shows it: input errors with their place and options as settings (lava.x). */
function forWebview(e: unknown): Error {
  if (e instanceof RemoteError) return new Error(describeWireError(e.info, settingName));
  return e instanceof Error ? e : new Error(String(e));
}

/** Throws unless every row is one of the result's rows. */
function checkRows(rows: readonly number[], result: ResultText): void {
  const count = result.summary.rowCount;
  for (const r of rows) if (r >= count) throw new Error(`no row ${r}: this result has ${count}`);
}

export class ExplorerHost {
  readonly peer: Peer<HostContract, WebviewContract>;
  result: ResultText | null = null;
  resultUri: string | null = null;
  running = false;
  private lastRunning: { file: string; step: Step; fraction: number } | null = null;
  /** The running run's embedding, sent again to a webview that reloads before the result comes. */
  private lastEmbedding: { coords: Float32Array; dims: number } | null = null;
  /** The client kept after a run or a load; null until one is needed. */
  private engine: EngineClient | null = null;
  private loading: Promise<EngineClient> | null = null;
  private disposed = false;

  constructor(
    port: Port,
    private readonly actions: ExplorerActions,
  ) {
    this.peer = new Peer(port, hostContract, webviewContract, {
      onDrop: (why) => actions.log(`dropped a webview message: ${why}`),
    });
    this.peer.handle('locality', ({ locality }) =>
      this.ask('locality', async (result) => {
        const count = result.summary.localityCount;
        if (locality >= count) throw new Error(`no locality ${locality}: this result has ${count}`);
        return (await this.requestEngine()).locality(locality);
      }),
    );
    this.peer.handle('pair', ({ a, b }) =>
      this.ask('pair', async () => (await this.requestEngine()).pair(a, b)),
    );
    this.peer.handle('feature', ({ feature }) =>
      this.ask('feature', async () => (await this.requestEngine()).feature(feature)),
    );
    this.peer.handle('selection', ({ rows }, ctx) =>
      this.ask('selection', async (result) => {
        checkRows(rows, result);
        return (await this.requestEngine()).selection(rows, ctx.signal);
      }),
    );
    this.peer.handle('rows', ({ rows }) =>
      this.ask('rows', async (result) => {
        checkRows(rows, result);
        return (await this.requestEngine()).rows(rows);
      }),
    );
    this.peer.on('ready', () => this.resend());
    this.peer.on('rerun', () => actions.rerun());
    this.peer.on('modulesAtK', ({ k }) => {
      if (this.result && !this.running) actions.changeK(k);
    });
    this.peer.on('saveResult', () => actions.save());
    this.peer.on('openSettings', () => actions.openSettings());
    this.peer.on('export', (view) => actions.exportView(view));
    // Rows name the shown result's rows: notes about another result (or none) are dropped, and logged.
    this.peer.on('exportSelection', ({ rows }) => this.withRows(rows, () => actions.exportSelection(rows)));
    this.peer.on('copyRows', ({ rows }) => this.withRows(rows, () => actions.copyRows(rows)));
    this.peer.on('openRow', ({ row }) => this.withRows([row], () => actions.openRow(row)));
    this.peer.on('copy', ({ text, what }) => actions.copy(text, what));
  }

  /** Every message the webview posts comes in here; the peer checks it against the contract. */
  receive(message: unknown): void {
    this.peer.receive(message);
  }

  showRunning(file: string, step: Step, fraction: number): void {
    this.running = true;
    this.lastRunning = { file, step, fraction };
    this.peer.notify('running', this.lastRunning);
  }

  /** The running run's embedding: the webview draws the map greyed under the progress until the result comes. */
  showEmbedding(coords: Float32Array, dims: number): void {
    if (!this.running) return;
    this.lastEmbedding = { coords, dims };
    this.peer.notify('embedding', this.lastEmbedding);
  }

  /**
   * Shows a result; `engine` (when the run just happened) answers requests from memory, else one is loaded on
   * demand; 'kept' keeps the one there is (it computed this result at another k).
   */
  showResult(result: ResultText, resultUri: string | null, engine: EngineClient | null | 'kept'): void {
    if (engine === 'kept') engine = this.engine;
    // A panel closed while its result was being stored: nobody will ask this engine anything.
    if (this.disposed) return engine?.dispose();
    this.running = false;
    this.lastRunning = null;
    this.lastEmbedding = null;
    this.result = result;
    this.resultUri = resultUri;
    this.setEngine(engine);
    this.sendResult();
  }

  /** Back to the result shown before a re-run that was cancelled or failed. */
  restore(): void {
    this.running = false;
    this.lastRunning = null;
    this.lastEmbedding = null;
    this.sendResult();
  }

  showError(message: string): void {
    this.running = false;
    this.lastRunning = null;
    this.lastEmbedding = null;
    this.peer.notify('error', { message });
  }

  /**
   * The shown result at k from the kept engine (only Step 3 is redone there); the caller shows and stores it.
   * A result opened from a file has no kept run: the engine says so, and that error is the rejection.
   */
  async modulesAtK(
    k: number,
    resultPath: string,
    onProgress: ProgressListener,
    signal?: AbortSignal,
  ): Promise<ResultText> {
    if (!this.result) throw new Error('no result is shown');
    return (await this.requestEngine()).modulesAtK(k, resultPath, onProgress, signal);
  }

  /** Ends the engine thread kept for requests; a later request loads a new one from the data file. */
  releaseEngine(): void {
    this.setEngine(null);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.setEngine(null);
    this.peer.dispose();
  }

  private resend(): void {
    this.sendResult();
    if (this.running && this.lastRunning) this.peer.notify('running', this.lastRunning);
    if (this.running && this.lastEmbedding) this.peer.notify('embedding', this.lastEmbedding);
  }

  private sendResult(): void {
    if (!this.result) return;
    // The text as stored: the webview decodes it; the host never parses a run's result.
    const { text, summary } = this.result;
    this.peer.notify('result', {
      text,
      source: summary.source,
      ...(this.resultUri ? { resultUri: this.resultUri } : {}),
      appliedFrom: summary.paramSources,
    });
  }

  private withRows(rows: number[], act: () => void): void {
    try {
      if (!this.result) throw new Error('no result is shown');
      checkRows(rows, this.result);
      act();
    } catch (e) {
      this.actions.log(`webview note ignored: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Answers a request about the shown result; a failure is logged and goes back to the webview as a failure reply. */
  private async ask<T>(what: string, fn: (result: ResultText) => Promise<T>): Promise<T> {
    try {
      if (!this.result) throw new Error('no result is shown');
      return await fn(this.result);
    } catch (e) {
      const err = forWebview(e);
      this.actions.log(`webview request ${what} failed: ${err.message}`);
      throw err;
    }
  }

  private setEngine(engine: EngineClient | null): void {
    if (this.engine && this.engine !== engine) this.engine.dispose();
    this.engine = engine;
    this.loading = null;
  }

  /** The kept engine while its thread lives; else one loaded afresh (once, however many requests wait). */
  private requestEngine(): Promise<EngineClient> {
    if (this.engine?.alive) return Promise.resolve(this.engine);
    this.engine = null; // a dead thread answers nothing: forget it, load a new one
    if (this.loading) return this.loading;
    const loading: Promise<EngineClient> = this.actions.loadEngine().then(
      (engine) => {
        // A newer result (or closing the panel) while loading makes this engine useless.
        if (this.loading !== loading || this.disposed) {
          engine.dispose();
          throw new Error('the result changed while its data was being loaded');
        }
        this.engine = engine;
        this.loading = null;
        return engine;
      },
      (e: unknown) => {
        if (this.loading === loading) this.loading = null;
        throw e;
      },
    );
    this.loading = loading;
    return loading;
  }
}
