// The reducer's part for the map selection and a locality's samples: set operations on the picked rows, and the
// engine requests they start (the selection's correlations, the samples' values).
import { answer, ask, failure } from './loadable';
import { normalizeRows, subtractRows, unionRows } from './rowSets';
import type { Action, ExplorerState, SelectMode } from './state';

/** Correlations need 3 rows at least, inside the selection and outside it. */
export const MIN_CORRELATION_ROWS = 3;

function withSelection(s: ExplorerState, rows: Int32Array): ExplorerState {
  if (rows.length === 0) return { ...s, selection: null, selectionStats: null };
  const count = s.result?.rowCount ?? 0;
  const enough = rows.length >= MIN_CORRELATION_ROWS && count - rows.length >= MIN_CORRELATION_ROWS;
  if (!enough) return { ...s, selection: { rows }, selectionStats: null };
  const [selectionStats, seq] = ask(s, rows);
  return { ...s, selection: { rows }, selectionStats, seq };
}

function select(s: ExplorerState, rows: Int32Array, mode: SelectMode): ExplorerState {
  if (!s.result) return s;
  // Rows outside the result (a stale lasso) are dropped rather than asked about.
  const picked = normalizeRows(rows, s.result.rowCount);
  const before = s.selection?.rows ?? new Int32Array(0);
  const next = mode === 'add' ? unionRows(before, picked) : mode === 'remove' ? subtractRows(before, picked) : picked;
  if (next.length === 0) return withSelection(s, next);
  // A new selection is a question about those rows: its panel answers it (a tab of its own on narrow panels).
  return withSelection({ ...s, tab: 'selection' }, next);
}

/** Asks for locality `id`'s samples (its rows' feature values), unless that answer is here or on its way. */
export function askSamples(s: ExplorerState, id: number): ExplorerState {
  if (s.samples?.key === id && s.samples.status !== 'failed') return s;
  const [samples, seq] = ask(s, id);
  return { ...s, samples, seq };
}

/** The selection's and the samples' actions; null for any other action. */
export function reduceSelection(s: ExplorerState, a: Action): ExplorerState | null {
  switch (a.type) {
    case 'select':
      return select(s, a.rows, a.mode);
    case 'clearSelection':
      return s.selection ? { ...s, selection: null, selectionStats: null } : s;
    case 'retrySelectionStats':
      return s.selectionStats?.status === 'failed' ? withSelection(s, s.selectionStats.key) : s;
    case 'selectionStatsLoaded': {
      const selectionStats = answer(s.selectionStats, a.seq, a.value);
      return selectionStats ? { ...s, selectionStats } : s;
    }
    case 'selectionStatsFailed': {
      const selectionStats = failure(s.selectionStats, a.seq, a.error);
      return selectionStats ? { ...s, selectionStats } : s;
    }
    case 'retrySamples':
      return s.samples?.status === 'failed' ? askSamples({ ...s, samples: null }, s.samples.key) : s;
    case 'samplesLoaded': {
      const samples = answer(s.samples, a.seq, a.value);
      return samples ? { ...s, samples } : s;
    }
    case 'samplesFailed': {
      const samples = failure(s.samples, a.seq, a.error);
      return samples ? { ...s, samples } : s;
    }
    case 'selectionHeatmap':
      return { ...s, selectionHeatmap: a.show };
    case 'heatmapOrder':
      return { ...s, heatmapOrder: a.order };
    case 'pairMode':
      return { ...s, pairMode: a.mode };
    default:
      return null;
  }
}
