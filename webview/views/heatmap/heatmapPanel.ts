// The heatmap panel's binding: the selected module's r where active, or the picked locality's own correlations
// (loading, failed with a retry, or drawn), both in correlation units, in the chosen feature order with the
// strongest pairs beside it and a feature search; a click on a cell or a listed pair picks that pair; the
// module's top features copy as a list.
import { selectedModule } from '../../store/selectors';
import type { HeatmapOrder } from '../../store/state';
import { baseName } from '../../util/fileName';
import type { ViewBinding, ViewContext, WithResult } from '../binding';
import { button } from '../controls/button';
import { exportButtons } from '../controls/exportButtons';
import { renderLoadable } from '../requestStatus/requestStatus';
import { renderHeatmapExplorer } from './heatmapExplorer';
import { localityScale, moduleScale, rWhereActivePattern } from './units';
import { featureWord, topFeatures } from '../../util/topFeatures';

export const ORDER_LABELS: Record<HeatmapOrder, string> = {
  file: 'file order',
  cluster: 'clustered',
  weight: 'by weight',
};

/** The order picker, shared by the selection's heatmap. */
export function orderSelect(ctx: ViewContext): HTMLSelectElement {
  const select = ctx.doc.createElement('select');
  select.title =
    'Order of the features: as in the file, clustered (average linkage on 1 - |w|), or by total |w|';
  select.dataset.testid = 'heatmap-order';
  for (const [value, label] of Object.entries(ORDER_LABELS))
    select.append(Object.assign(ctx.doc.createElement('option'), { value, textContent: label }));
  select.addEventListener('change', () =>
    ctx.dispatch({ type: 'heatmapOrder', order: select.value as HeatmapOrder }),
  );
  return select;
}

function searchBox(doc: Document, onInput: (q: string) => void): HTMLInputElement {
  const input = doc.createElement('input');
  input.type = 'search';
  input.placeholder = 'Find a feature';
  input.setAttribute('aria-label', 'Find a feature in the heatmap');
  input.dataset.testid = 'heatmap-search';
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

function draw(ctx: ViewContext, s: WithResult, query: string): void {
  const locality = s.heatmapOf === 'locality' ? s.locality : null;
  const common = {
    order: s.heatmapOrder,
    query,
    theme: ctx.theme(),
    size: ctx.sizes(s.result).heat,
    selectedPair: s.pair?.key ?? null,
    onPair: (a: string, b: string) => ctx.dispatch({ type: 'showPair', a, b }),
  };
  if (locality) {
    const id = locality.key;
    ctx.slots.heatmapTitle.textContent = `Locality ${id}: its own correlations`;
    return renderLoadable(
      ctx.slots.heatmap,
      locality,
      `locality ${id}'s correlations`,
      () => ctx.dispatch({ type: 'retryLocality' }),
      (v) =>
        renderHeatmapExplorer(ctx.slots.heatmap, {
          ...common,
          pattern: v.pattern,
          features: v.features,
          localityId: id,
          scale: localityScale(id, s.result.correlationThreshold),
        }),
    );
  }
  const m = selectedModule(s);
  ctx.slots.heatmapTitle.textContent = m ? `M${m.id}: r where active · ${m.name}` : 'Pattern';
  if (m) {
    renderHeatmapExplorer(ctx.slots.heatmap, {
      ...common,
      pattern: rWhereActivePattern(m, s.result.features),
      features: s.result.features,
      moduleId: m.id,
      scale: moduleScale(m),
    });
  } else ctx.slots.heatmap.replaceChildren();
}

/** The file's title: which data set, then what the heatmap shows (the panel's heading). */
function exportTitle(s: WithResult | null, heading: HTMLElement): string {
  const file = s ? baseName(s.result.source.file) : '';
  return file ? `${file}: ${heading.textContent ?? ''}` : (heading.textContent ?? '');
}

export function heatmapPanel(ctx: ViewContext): ViewBinding {
  const { slots, doc } = ctx;
  const back = button(doc, 'Module pattern', () => ctx.dispatch({ type: 'showModuleHeatmap' }), {
    secondary: true,
    title: 'Show the selected module again',
  });
  const order = orderSelect(ctx);
  let query = '';
  let last: WithResult | null = null;
  const search = searchBox(doc, (q) => {
    query = q;
    if (last) draw(ctx, last, query);
  });
  let copyTop = () => {};
  const copy = button(doc, 'Copy top features', () => copyTop(), {
    secondary: true,
    title: "Copy the module's top features, one per line (for enrichment tools)",
  });
  copy.dataset.testid = 'copy-top';
  slots.heatmapBar.append(back, copy, order, search);
  exportButtons(ctx, slots.heatmapBar, 'heatmap', slots.heatmap, () => ({ title: exportTitle(last, slots.heatmapTitle) }));
  return {
    name: 'heatmap',
    deps: (s) => [s.result, s.selectedModule, s.heatmapOf, s.locality, s.pair?.key, s.heatmapOrder],
    render: (s) => {
      last = s;
      const locality = s.heatmapOf === 'locality' ? s.locality : null;
      back.hidden = locality === null;
      order.value = s.heatmapOrder;
      const m = selectedModule(s);
      const word = featureWord(s.result);
      copy.textContent = `Copy top ${word}`;
      copy.hidden = locality !== null || !m;
      copyTop = () => {
        if (!m) return;
        const top = topFeatures(m, s.result.features);
        ctx.copy(top.join('\n'), `${top.length} top ${word} of M${m.id}`);
      };
      draw(ctx, s, query);
    },
  };
}
