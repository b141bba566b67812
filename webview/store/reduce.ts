// The pure reducer: (state, action) -> state. Requests to the host are effects (store/effects.ts), not work here.
import { colorByFor } from './colorBy';
import { answer, ask, failure } from './loadable';
import { reduceMap } from './reduceMap';
import { askSamples, reduceSelection } from './reduceSelection';
import { byModule, COLOR_BY_MODULE, type Action, type ExplorerState } from './state';

/** Keeps a restored selection only where it still names something in the new result. */
function adoptResult(s: ExplorerState, a: Extract<Action, { type: 'result' }>): ExplorerState {
  const { result } = a;
  const ids = result.modules.map((m) => m.id);
  const selectedModule =
    s.selectedModule !== null && ids.includes(s.selectedModule) ? s.selectedModule : (ids[0] ?? null);
  const loc = s.selectedLocality;
  const selectedLocality = loc !== null && loc >= 0 && loc < result.localities.count ? loc : null;
  // A kept locality is asked for again, as a click would: its correlations belong to the old result.
  const [locality, seq] = selectedLocality !== null ? ask(s, selectedLocality) : [null, s.seq];
  const next: ExplorerState = {
    ...s,
    result,
    appliedFrom: a.appliedFrom,
    resultUri: a.resultUri,
    running: null,
    error: null,
    selectedModule,
    colorBy: colorByFor(result, s.colorBy, selectedModule),
    selectedLocality,
    heatmapOf: locality ? 'locality' : 'module',
    locality,
    pair: null,
    // Rows, their statistics and samples, searches and the early map all belong to the result before.
    selection: null,
    selectionStats: null,
    samples: null,
    search: null,
    feature: null,
    earlyMap: null,
    seq,
  };
  return selectedLocality !== null ? askSamples(next, selectedLocality) : next;
}

function showLocality(s: ExplorerState, id: number): ExplorerState {
  // The same locality again: show what is there (or on its way) rather than asking twice.
  if (s.locality?.key === id && s.locality.status !== 'failed')
    return askSamples({ ...s, selectedLocality: id, heatmapOf: 'locality' }, id);
  const [locality, seq] = ask(s, id);
  return askSamples({ ...s, selectedLocality: id, heatmapOf: 'locality', locality, seq }, id);
}

function showPair(s: ExplorerState, a: string, b: string): ExplorerState {
  const [pair, seq] = ask(s, { a, b });
  return { ...s, pair, seq };
}

/** Host notes and replies to requests. */
function fromHost(s: ExplorerState, a: Action): ExplorerState {
  switch (a.type) {
    case 'running':
      return { ...s, running: a.running, error: null };
    case 'runFailed':
      return { ...s, running: null, error: a.message, earlyMap: null };
    case 'result':
      return adoptResult(s, a);
    case 'localityLoaded': {
      const locality = answer(s.locality, a.seq, a.value);
      return locality ? { ...s, locality } : s;
    }
    case 'localityFailed': {
      const locality = failure(s.locality, a.seq, a.error);
      return locality ? { ...s, locality } : s;
    }
    case 'pairLoaded': {
      const pair = answer(s.pair, a.seq, a.value);
      return pair ? { ...s, pair } : s;
    }
    case 'pairFailed': {
      const pair = failure(s.pair, a.seq, a.error);
      return pair ? { ...s, pair } : s;
    }
    default:
      return s;
  }
}

export function reduce(s: ExplorerState, a: Action): ExplorerState {
  switch (a.type) {
    case 'selectModule':
      // Selecting a module is a request to see it: its activity on the map and its pattern in the heatmap.
      // (on the scale the user chose for module activity, one for all modules unless they asked otherwise)
      return { ...s, selectedModule: a.id, colorBy: byModule(s.colorBy) ? s.colorBy : COLOR_BY_MODULE, heatmapOf: 'module' };
    case 'colorBy':
      return { ...s, colorBy: a.value };
    case 'toggleProbes':
      return { ...s, showProbes: a.show ?? !s.showProbes };
    case 'showLocality':
      // A clicked locality is a question about those rows: its samples answer it (the wide panel's heatmap, pinned
      // beside the tabs, shows its correlations; on a narrow one they are a tab away).
      return { ...showLocality(s, a.id), tab: 'samples' };
    case 'showModuleHeatmap':
      return { ...s, heatmapOf: 'module' };
    case 'showPair':
      // The pair's values show in the pair view: on a narrow panel that is its own tab.
      return { ...showPair(s, a.a, a.b), tab: 'pair' };
    case 'retryLocality':
      return s.locality?.status === 'failed' ? showLocality({ ...s, locality: null }, s.locality.key) : s;
    case 'retryPair':
      return s.pair?.status === 'failed' ? showPair(s, s.pair.key.a, s.pair.key.b) : s;
    default:
      // The map's and the selection's own actions, host notes, replies; an unknown action changes nothing (it
      // used to wipe the state).
      return reduceMap(s, a) ?? reduceSelection(s, a) ?? fromHost(s, a);
  }
}
