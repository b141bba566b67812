// The explorer's one state and the actions that change it: host notes, user choices, and request replies.
import type { LavaResult } from '../../src/shared/result/types';
import type { HostContract, WebviewState } from '../../src/shared/protocol';
import type { z } from 'zod';

/** colorBy value meaning "the selected module's activity" on one scale for all modules (metadata columns use their own names). */
export const COLOR_BY_MODULE = '@module';
/** colorBy value meaning "the selected module's activity" on its own scale (0 to its largest). */
export const COLOR_BY_MODULE_OWN = '@module-own';

/** Whether a colorBy value colours by the selected module's activity (on either scale). */
export function byModule(colorBy: string | null): boolean {
  return colorBy === COLOR_BY_MODULE || colorBy === COLOR_BY_MODULE_OWN;
}

export type RunningNote = z.output<HostContract['notes']['running']>;

export interface LocalityView {
  id: number;
  pattern: Float32Array;
  features: string[];
}

export interface PairKey {
  a: string;
  b: string;
}

export interface PairData extends PairKey {
  av: number[];
  bv: number[];
}

/**
 * Something asked of the host, keyed by what was asked. `seq` names the request: only the current one's
 * answer is taken, and effects send one request per new `seq`. A failure keeps its message so the view can
 * say what failed where the answer would have been, and offer to try again.
 */
export type Loadable<K, V> =
  | { key: K; seq: number; status: 'loading' }
  | { key: K; seq: number; status: 'failed'; error: string }
  | { key: K; seq: number; status: 'ready'; value: V };

export interface ExplorerState {
  result: LavaResult | null;
  appliedFrom: Record<string, string>;
  /** Where the host stored the shown result; persisted so a reload can re-send it. */
  resultUri: string | null;
  running: RunningNote | null;
  error: string | null;
  selectedModule: number | null;
  colorBy: string | null;
  /** The locality picked on the map (highlighted there, persisted). */
  selectedLocality: number | null;
  /** What the heatmap shows: the selected module's pattern or the picked locality's own correlations. */
  heatmapOf: 'module' | 'locality';
  /** The picked locality's own correlations, asked of the host. */
  locality: Loadable<number, LocalityView> | null;
  /** The pair picked in the heatmap, and its values once the host sends them. */
  pair: Loadable<PairKey, PairData> | null;
  showProbes: boolean;
  /** The last request number handed out (see Loadable.seq). */
  seq: number;
}

export type Action =
  | { type: 'running'; running: RunningNote }
  | { type: 'result'; result: LavaResult; appliedFrom: Record<string, string>; resultUri: string | null }
  | { type: 'runFailed'; message: string }
  | { type: 'selectModule'; id: number }
  | { type: 'colorBy'; value: string | null }
  | { type: 'toggleProbes'; show?: boolean }
  | { type: 'showLocality'; id: number }
  | { type: 'showModuleHeatmap' }
  | { type: 'showPair'; a: string; b: string }
  | { type: 'retryLocality' }
  | { type: 'retryPair' }
  | { type: 'localityLoaded'; seq: number; value: LocalityView }
  | { type: 'localityFailed'; seq: number; error: string }
  | { type: 'pairLoaded'; seq: number; value: PairData }
  | { type: 'pairFailed'; seq: number; error: string };

/** The state before any result; `saved` is what a reload restored (checked by store/persist.ts). */
export function initialState(saved?: WebviewState | null): ExplorerState {
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
    pair: null,
    showProbes: false,
    seq: 0,
  };
}
