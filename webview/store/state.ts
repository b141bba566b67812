// The explorer's single state: messages and user actions go in through `reduce`, views render from what comes out.
import type { LavaResult } from '../../src/shared/result/types';
import type { ToWebviewMessage, WebviewState } from '../../src/shared/protocol';
import { isCategoricalNumeric } from '../util/pointColors';
import { decodeFloat32 } from '../../src/shared/result/codec';

/** colorBy value meaning "the selected module's activity" (metadata columns use their own names). */
export const COLOR_BY_MODULE = '@module';

export interface LocalityView {
  id: number;
  pattern: Float32Array;
  features: string[];
}

export interface PairData {
  a: string;
  b: string;
  av: number[];
  bv: number[];
}

export interface ExplorerState {
  result: LavaResult | null;
  appliedFrom: Record<string, string>;
  /** Where the host stored the shown result; persisted so a reload can re-send it. */
  resultUri: string | null;
  running: { file: string; step: string; fraction: number } | null;
  error: string | null;
  selectedModule: number | null;
  colorBy: string | null;
  selectedLocality: number | null;
  /** What the heatmap shows: the selected module's pattern or the clicked locality's own correlations. */
  heatmapOf: 'module' | 'locality';
  locality: LocalityView | null;
  showProbes: boolean;
  /** The pair the user clicked in the heatmap; values arrive later in `pair`. */
  pairRequest: { a: string; b: string } | null;
  pair: PairData | null;
  /** Outstanding request ids, so a late reply to an older request is ignored. */
  pendingLocality: number | null;
  pendingPair: number | null;
}

export type Action =
  | { type: 'message'; message: ToWebviewMessage }
  | { type: 'selectModule'; id: number }
  | { type: 'colorBy'; value: string | null }
  | { type: 'requestLocality'; id: number; requestId: number }
  | { type: 'requestPair'; a: string; b: string; requestId: number }
  | { type: 'showModuleHeatmap' }
  | { type: 'toggleProbes'; show?: boolean };

export function initialState(saved?: Partial<WebviewState> | null): ExplorerState {
  return {
    result: null,
    appliedFrom: {},
    resultUri: saved?.resultUri ?? null,
    running: null,
    error: null,
    selectedModule: saved?.selectedModule ?? null,
    colorBy: saved?.colorBy ?? null,
    selectedLocality: saved?.selectedLocality ?? null,
    heatmapOf: 'module',
    locality: null,
    showProbes: false,
    pairRequest: null,
    pair: null,
    pendingLocality: null,
    pendingPair: null,
  };
}

/** What survives a reload (persisted with setState). */
export function persisted(s: ExplorerState): WebviewState {
  const out: WebviewState = {
    selectedModule: s.selectedModule,
    colorBy: s.colorBy,
    selectedLocality: s.selectedLocality,
  };
  if (s.resultUri !== null) out.resultUri = s.resultUri;
  return out;
}

/** Keeps a restored selection only where it still names something in the new result. */
function adoptResult(
  s: ExplorerState,
  result: LavaResult,
  appliedFrom: Record<string, string>,
  resultUri: string | null,
): ExplorerState {
  const ids = result.modules.map((m) => m.id);
  const selectedModule =
    s.selectedModule !== null && ids.includes(s.selectedModule) ? s.selectedModule : (ids[0] ?? null);
  const columns = result.metadata.map((c) => c.name);
  let colorBy = s.colorBy;
  if (colorBy !== null && colorBy !== COLOR_BY_MODULE && !columns.includes(colorBy)) colorBy = null;
  if (colorBy === null) {
    // A text label (digit, cell type) is what people look at first; otherwise the first module's activity.
    const label =
      result.metadata.find((c) => c.kind === 'text') ??
      result.metadata.find((c) => c.kind === 'numeric' && isCategoricalNumeric(c.values));
    colorBy = label ? label.name : selectedModule !== null ? COLOR_BY_MODULE : null;
  }
  const loc = s.selectedLocality;
  const selectedLocality = loc !== null && loc >= 0 && loc < result.localities.count ? loc : null;
  return {
    ...s,
    result,
    appliedFrom,
    resultUri,
    running: null,
    error: null,
    selectedModule,
    colorBy,
    selectedLocality,
    heatmapOf: 'module',
    locality: null,
    pairRequest: null,
    pair: null,
    pendingLocality: null,
    pendingPair: null,
  };
}

function onMessage(s: ExplorerState, m: ToWebviewMessage): ExplorerState {
  switch (m.type) {
    case 'running':
      return { ...s, running: { file: m.file, step: m.step, fraction: m.fraction }, error: null };
    case 'error':
      return { ...s, running: null, error: m.message };
    case 'result':
      return adoptResult(s, m.result, m.appliedFrom, m.resultUri ?? null);
    case 'localityCorrelations':
      if (m.requestId !== s.pendingLocality) return s;
      return {
        ...s,
        pendingLocality: null,
        heatmapOf: 'locality',
        locality: { id: m.locality, pattern: decodeFloat32(m.pattern), features: m.features },
      };
    case 'pairValues':
      if (m.requestId !== s.pendingPair) return s;
      return { ...s, pendingPair: null, pair: { a: m.a, b: m.b, av: m.av, bv: m.bv } };
    default:
      // A message this webview does not know (a newer host) changes nothing rather than wiping the state.
      return s;
  }
}

export function reduce(s: ExplorerState, a: Action): ExplorerState {
  switch (a.type) {
    case 'message':
      return onMessage(s, a.message);
    case 'selectModule':
      // Selecting a module is a request to see it: its activity on the map and its pattern in the heatmap.
      return { ...s, selectedModule: a.id, colorBy: COLOR_BY_MODULE, heatmapOf: 'module' };
    case 'colorBy':
      return { ...s, colorBy: a.value };
    case 'requestLocality':
      return { ...s, selectedLocality: a.id, pendingLocality: a.requestId };
    case 'requestPair':
      return { ...s, pairRequest: { a: a.a, b: a.b }, pendingPair: a.requestId, pair: null };
    case 'showModuleHeatmap':
      return { ...s, heatmapOf: 'module' };
    case 'toggleProbes':
      return { ...s, showProbes: a.show ?? !s.showProbes };
    default:
      return s;
  }
}

/** A minimal store: one state, one reducer, listeners called after each change. */
export class Store {
  private listeners: ((s: ExplorerState, prev: ExplorerState) => void)[] = [];
  constructor(private state: ExplorerState) {}
  get(): ExplorerState {
    return this.state;
  }
  dispatch(action: Action): void {
    const prev = this.state;
    this.state = reduce(prev, action);
    if (this.state !== prev) for (const l of this.listeners) l(this.state, prev);
  }
  subscribe(listener: (s: ExplorerState, prev: ExplorerState) => void): void {
    this.listeners.push(listener);
  }
}
