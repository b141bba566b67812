// Wires the explorer: the host's notes and replies come through one rpc Peer into the store, effects send the
// store's requests, and each view re-renders from the part of the state it reads.
import { hostContract, webviewContract } from '../src/shared/protocol';
import { Peer } from '../src/shared/rpc';
import { decodeResult } from '../src/shared/result/decode';
import type { LavaResult } from '../src/shared/result/types';
import { describeFailure, startEffects, type HostPeer } from './store/effects';
import { persisted, restoreState } from './store/persist';
import { initialState } from './store/state';
import { Store } from './store/store';
import { readTheme, type Theme } from './util/colors';
import { decoratedExport, viewToPng, viewToSvg } from './util/export';
import type { VsCodeApi } from './util/vscodeApi';
import { bindViews, type ViewContext } from './views/binding';
import { headerPanel } from './views/header/headerPanel';
import { heatmapPanel } from './views/heatmap/heatmapPanel';
import { imagePanel } from './views/image/imagePanel';
import { buildLayout, layoutPanel, viewSizes } from './views/layout';
import { legendPanel } from './views/legend/legendPanel';
import { pairPanel } from './views/pair/pairPanel';
import { samplesPanel } from './views/samples/samplesPanel';
import { selectionPanel } from './views/selection/selectionPanel';
import { ResultCache } from './views/resultCache';
import { mapControls } from './views/scatter/mapControls';
import { earlyMapPanel } from './views/scatter/earlyMap';
import { mapPanel } from './views/scatter/mapPanel';
import { searchPanel } from './views/search/searchPanel';
import { tabsPanel } from './views/tabs/tabsPanel';

export interface App {
  store: Store;
  /** Feeds one message from the host in (main.ts connects window 'message' events here). */
  receive(message: unknown): void;
  /** Re-reads the theme variables and redraws (theme switch). */
  refreshTheme(): void;
  /** Redraws at the container's current size. */
  resize(): void;
  /** Stops the effects and closes the channel (pending requests are cancelled). */
  dispose(): void;
}

export interface AppOptions {
  /** The panel's width and height, for tests (jsdom lays nothing out). */
  width?: number;
  height?: number;
  /** Where dropped messages and an ignored saved state are reported. */
  log?: (line: string) => void;
  /** A standalone report (webview/report): no Re-run, Save or Settings buttons, as no host can act on them. */
  readOnly?: boolean;
}

export function startApp(root: HTMLElement, api: VsCodeApi, options: AppOptions = {}): App {
  const doc = root.ownerDocument;
  const log = options.log ?? ((line: string) => console.warn(`[lava webview] ${line}`));
  const host: HostPeer = new Peer({ post: (m) => api.postMessage(m) }, webviewContract, hostContract, {
    onDrop: (why) => log(`dropped a message: ${why}`),
  });
  const store = new Store(initialState(restoreState(api.getState(), log)));
  const slots = buildLayout(root, (tab) => store.dispatch({ type: 'tab', tab }));
  const width = () => options.width ?? (root.clientWidth || 900);
  let theme: Theme = readTheme(doc.documentElement);
  let cache: ResultCache | null = null;
  const ctx: ViewContext = {
    doc,
    slots,
    dispatch: (action) => store.dispatch(action),
    theme: () => theme,
    cache: (r) => (cache?.result === r ? cache : (cache = new ResultCache(r))),
    sizes: (r) => viewSizes(root, slots, r, options.width, options.height),
    exportView: (view, slot, format, decor) =>
      void exportData(slot, format, decor, theme).then(
        (d) => d && host.notify('export', { format, view, data: d }),
      ),
    rowsOut: options.readOnly
      ? null
      : {
          open: (row) => host.notify('openRow', { row }),
          copy: (rows) => host.notify('copyRows', { rows: Array.from(rows) }),
          save: (rows) => host.notify('exportSelection', { rows: Array.from(rows) }),
        },
    copy: (text, what) => host.notify('copy', { text, what }),
  };
  const render = bindViews(root, allViews(ctx, root, width, host, options.readOnly === true));

  listenToHost(host, store);
  store.subscribe((s) => {
    api.setState(persisted(s));
    render(s);
  });
  const stopEffects = startEffects(store, host);
  render(store.get(), true);
  host.notify('ready', {});

  return {
    store,
    receive: (message) => host.receive(message),
    refreshTheme: () => {
      theme = readTheme(doc.documentElement);
      render(store.get(), true);
    },
    resize: () => render(store.get()),
    dispose: () => {
      stopEffects();
      host.dispose();
    },
  };
}

/** A view's picture as the host saves it: decorated (title, legend) when asked, else the bare SVG or PNG. */
function exportData(
  slot: Parameters<ViewContext['exportView']>[1],
  format: Parameters<ViewContext['exportView']>[2],
  decor: Parameters<ViewContext['exportView']>[3],
  theme: Theme,
): Promise<string | null> {
  if (decor) return decoratedExport(slot, format, decor, theme).catch(() => null);
  return format === 'svg'
    ? Promise.resolve(viewToSvg(slot))
    : viewToPng(slot, theme.background).catch(() => null);
}

/** Every view, in the order they render; a report (readOnly) has no buttons that ask the host to act. */
function allViews(
  ctx: ViewContext,
  root: HTMLElement,
  width: () => number,
  host: HostPeer,
  readOnly: boolean,
) {
  return [
    // First: the arrangement decides how wide the other views are.
    layoutPanel(root, width),
    headerPanel(
      ctx,
      readOnly
        ? null
        : {
            rerun: () => host.notify('rerun', {}),
            saveResult: () => host.notify('saveResult', {}),
            openSettings: () => host.notify('openSettings', {}),
          },
      readOnly ? null : (k) => host.notify('modulesAtK', { k }),
    ),
    searchPanel(ctx),
    mapControls(ctx),
    earlyMapPanel(ctx),
    mapPanel(ctx),
    legendPanel(ctx),
    heatmapPanel(ctx),
    pairPanel(ctx),
    imagePanel(ctx),
    tabsPanel(ctx, width),
    selectionPanel(ctx),
    samplesPanel(ctx),
  ];
}

/** The host's notes as store actions; a result is decoded (and checked) here, as the host forwards its text. */
function listenToHost(host: HostPeer, store: Store): void {
  host.on('running', (running) => store.dispatch({ type: 'running', running }));
  host.on('result', (n) => {
    let result: LavaResult;
    try {
      result = { ...decodeResult(n.text, n.resultUri ?? 'the result'), source: n.source };
    } catch (e) {
      store.dispatch({ type: 'runFailed', message: describeFailure(e) });
      return;
    }
    store.dispatch({ type: 'result', result, appliedFrom: n.appliedFrom, resultUri: n.resultUri ?? null });
  });
  host.on('error', (n) => store.dispatch({ type: 'runFailed', message: n.message }));
  host.on('embedding', (map) => store.dispatch({ type: 'embedding', map }));
}
