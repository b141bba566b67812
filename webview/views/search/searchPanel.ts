// The search box's binding: its suggestions come from the shown result; a feature colours the map by its values,
// a column colours by it, a value makes its rows stand out.
import type { ExplorerState } from '../../store/state';
import type { ViewBinding, ViewContext } from '../binding';
import { buildSearchBox } from './searchBox';
import { allSuggestions, suggestionLabel } from './suggest';

function searchedText(s: ExplorerState): string {
  if (!s.search) return '';
  return suggestionLabel(s.search.kind === 'feature' ? s.search : { kind: 'value', column: s.search.column, value: s.search.value });
}

export function searchPanel(ctx: ViewContext): ViewBinding {
  const box = buildSearchBox(ctx.doc, (sug) => {
    if (!sug) ctx.dispatch({ type: 'search', target: null });
    else if (sug.kind === 'column') ctx.dispatch({ type: 'colorBy', value: sug.column });
    else ctx.dispatch({ type: 'search', target: sug });
  });
  ctx.slots.search.append(box.root);
  let source: unknown = null;
  return {
    name: 'search',
    deps: (s) => [s.result, s.search],
    render: (s) => {
      if (source !== s.result) box.setSource(allSuggestions(s.result));
      source = s.result;
      box.setText(searchedText(s));
    },
  };
}

/** Per module id, how much of the searched feature it holds (its feature weight over the largest), or null. */
export function featureEmphasis(s: ExplorerState): Map<number, number> | null {
  const f = s.search?.kind === 'feature' && s.result ? s.result.features.indexOf(s.search.feature) : -1;
  if (f < 0 || !s.result) return null;
  const weights = s.result.modules.map((m) => m.featureWeights[f] ?? 0);
  const max = Math.max(...weights);
  return new Map(s.result.modules.map((m, k) => [m.id, max > 0 ? weights[k] / max : 0]));
}
