// The explorer's one state and the actions that change it: host notes, user choices, and request replies.
import type { LavaResult } from '../../src/shared/result/types';
import type { DetailTab, HostContract, WebviewState } from '../../src/shared/protocol';
import type { z } from 'zod';

/** colorBy value meaning "the selected module's activity" on one scale for all modules (metadata columns use their own names). */
export const COLOR_BY_MODULE = '@module';
/** colorBy value meaning "the selected module's activity" on its own scale (0 to its largest). */
export const COLOR_BY_MODULE_OWN = '@module-own';

/** Whether a colorBy value colours by the selected module's activity (on either scale). */
export function byModule(colorBy: string | null): boolean {
  return colorBy === COLOR_BY_MODULE || colorBy === COLOR_BY_MODULE_OWN;
}

/** colorBy value meaning "the searched feature's values" (asked of the host, see ExplorerState.feature). */
export const COLOR_BY_FEATURE = '@feature';

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

/** What a drag on the map does: pan it, or draw a lasso or a box that selects the rows inside. */
export type MapTool = 'pan' | 'lasso' | 'box';

/** Rows picked on the map: ascending, distinct row indices into the result's rows. */
export interface Selection {
  rows: Int32Array;
}

/** How a new selection meets the one before: replace it, add to it (shift), take from it (alt). */
export type SelectMode = 'replace' | 'add' | 'remove';

/** What the search box found: a feature (its values colour the map) or a metadata value (its rows stand out). */
export type SearchTarget = { kind: 'feature'; feature: string } | { kind: 'value'; column: string; value: string };

/** The embedding of the running run, known before its result (drawn greyed under the progress). */
export interface EarlyMap {
  coords: Float32Array;
  dims: number;
}

/**
 * Pearson correlations inside the selection and over the rest of the rows, as the engine worker computed them:
 * P upper-triangle values each, over `features`.
 */
export interface SelectionStats {
  features: string[];
  inside: Float32Array;
  rest: Float32Array;
  insideCount: number;
  restCount: number;
}

/** The feature values of some rows (a locality's samples): rows x features, row-major. */
export interface SampleValues {
  rows: Int32Array;
  features: string[];
  values: Float32Array;
}

/** How the heatmap orders its features: as in the file, clustered (average linkage on 1 - |w|), or by weight. */
export type HeatmapOrder = 'file' | 'cluster' | 'weight';

/** How the pair view draws rows: points, jittered points (discrete values), binned density, or chosen from the data. */
export type PairMode = 'auto' | 'points' | 'jitter' | 'density';

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
  /** Rows picked with the lasso or box, or null. */
  selection: Selection | null;
  mapTool: MapTool;
  /** The detail tab chosen (persisted; on wide panels the heatmap is always shown beside the tabs). */
  tab: DetailTab;
  search: SearchTarget | null;
  /** The searched feature's values for every row, asked of the host. */
  feature: Loadable<string, Float32Array> | null;
  /** The running run's embedding until its result comes. */
  earlyMap: EarlyMap | null;
  /** The selection's own correlations and the rest's, asked of the engine (null below 3 rows on either side). */
  selectionStats: Loadable<Int32Array, SelectionStats> | null;
  /** The picked locality's samples (their feature values), asked of the engine. */
  samples: Loadable<number, SampleValues> | null;
  /** Whether the selection's heatmap shows its own correlations or their difference from the rest's. */
  selectionHeatmap: 'inside' | 'difference';
  heatmapOrder: HeatmapOrder;
  pairMode: PairMode;
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
  | { type: 'pairFailed'; seq: number; error: string }
  | { type: 'select'; rows: Int32Array; mode: SelectMode }
  | { type: 'clearSelection' }
  | { type: 'mapTool'; tool: MapTool }
  | { type: 'tab'; tab: DetailTab }
  | { type: 'search'; target: SearchTarget | null }
  | { type: 'retryFeature' }
  | { type: 'featureLoaded'; seq: number; value: Float32Array }
  | { type: 'featureFailed'; seq: number; error: string }
  | { type: 'embedding'; map: EarlyMap }
  | { type: 'selectionStatsLoaded'; seq: number; value: SelectionStats }
  | { type: 'selectionStatsFailed'; seq: number; error: string }
  | { type: 'retrySelectionStats' }
  | { type: 'samplesLoaded'; seq: number; value: SampleValues }
  | { type: 'samplesFailed'; seq: number; error: string }
  | { type: 'retrySamples' }
  | { type: 'selectionHeatmap'; show: 'inside' | 'difference' }
  | { type: 'heatmapOrder'; order: HeatmapOrder }
  | { type: 'pairMode'; mode: PairMode };

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
    selection: null,
    mapTool: 'pan',
    tab: saved?.tab ?? 'heatmap',
    search: null,
    feature: null,
    earlyMap: null,
    selectionStats: null,
    samples: null,
    selectionHeatmap: 'inside',
    heatmapOrder: 'file',
    pairMode: 'auto',
    seq: 0,
  };
}
