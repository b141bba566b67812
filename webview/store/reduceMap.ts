// The map's part of the reducer: the drag tool, the detail tab, the search and the searched feature's values,
// and the early map of a running run. The rows selected with the lasso or box are reduceSelection.ts's.
import { answer, ask, failure } from './loadable';
import { colorByFor } from './colorBy';
import { COLOR_BY_FEATURE, type Action, type ExplorerState, type SearchTarget } from './state';

/** The feature's values asked for (or kept when already there), the map coloured by them. */
function searchFeature(s: ExplorerState, feature: string): ExplorerState {
  const search: SearchTarget = { kind: 'feature', feature };
  if (s.feature?.key === feature && s.feature.status !== 'failed') return { ...s, search, colorBy: COLOR_BY_FEATURE };
  const [loading, seq] = ask(s, feature);
  return { ...s, search, colorBy: COLOR_BY_FEATURE, feature: loading, seq };
}

function search(s: ExplorerState, target: SearchTarget | null): ExplorerState {
  if (target?.kind === 'feature') return searchFeature(s, target.feature);
  // Off the feature: its colouring goes back to what a result starts with.
  const colorBy =
    s.colorBy === COLOR_BY_FEATURE && s.result ? colorByFor(s.result, null, s.selectedModule) : s.colorBy;
  // A value's rows stand out best in their own column's colours.
  if (target) return { ...s, search: target, colorBy: target.column, feature: null };
  return { ...s, search: null, colorBy, feature: null };
}

/** The new state for a map action, or null when `a` is not one. */
export function reduceMap(s: ExplorerState, a: Action): ExplorerState | null {
  switch (a.type) {
    case 'mapTool':
      return { ...s, mapTool: a.tool };
    case 'tab':
      return { ...s, tab: a.tab };
    case 'search':
      return search(s, a.target);
    case 'retryFeature':
      return s.feature?.status === 'failed' ? searchFeature({ ...s, feature: null }, s.feature.key) : s;
    case 'featureLoaded': {
      const feature = answer(s.feature, a.seq, a.value);
      return feature ? { ...s, feature } : s;
    }
    case 'featureFailed': {
      const feature = failure(s.feature, a.seq, a.error);
      return feature ? { ...s, feature } : s;
    }
    case 'embedding':
      return { ...s, earlyMap: a.map };
    default:
      return null;
  }
}
