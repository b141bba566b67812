// The heatmap panel's binding: the selected module's r where active, or the picked locality's own correlations
// (loading, failed with a retry, or drawn), both in correlation units; a click on a cell picks that pair; the
// module's top features copy as a list.
import { selectedModule } from '../../store/selectors';
import type { Loadable, LocalityView, PairKey } from '../../store/state';
import type { ViewBinding, ViewContext, WithResult } from '../binding';
import { button } from '../controls/button';
import { exportButtons } from '../controls/exportButtons';
import { renderLoadable } from '../requestStatus/requestStatus';
import { renderHeatmap, type HeatmapScale } from './heatmap';
import { localityScale, moduleScale, rWhereActivePattern } from './units';
import { featureWord, topFeatures } from '../../util/topFeatures';

/** The picked pair's cell in `features`, if both are there. */
function pairCell(features: readonly string[], pair: PairKey | undefined): [number, number] | null {
  const ia = pair ? features.indexOf(pair.a) : -1;
  const ib = pair ? features.indexOf(pair.b) : -1;
  return ia >= 0 && ib >= 0 ? [ia, ib] : null;
}

function draw(
  ctx: ViewContext,
  s: WithResult,
  features: readonly string[],
  pattern: Float32Array,
  ids: { moduleId: number | null; localityId: number | null },
  scale: HeatmapScale,
): void {
  renderHeatmap(ctx.slots.heatmap, {
    pattern,
    features,
    theme: ctx.theme(),
    size: ctx.sizes(s.result).heat,
    ...ids,
    scale,
    selectedPair: pairCell(features, s.pair?.key),
    onCellClick: (i, j) =>
      ctx.dispatch({ type: 'showPair', a: features[Math.min(i, j)], b: features[Math.max(i, j)] }),
  });
}

function renderLocality(ctx: ViewContext, s: WithResult, locality: Loadable<number, LocalityView>): void {
  const id = locality.key;
  ctx.slots.heatmapTitle.textContent = `Locality ${id}: its own correlations`;
  renderLoadable(
    ctx.slots.heatmap,
    locality,
    `locality ${id}'s correlations`,
    () => ctx.dispatch({ type: 'retryLocality' }),
    (v) => draw(ctx, s, v.features, v.pattern, { moduleId: null, localityId: id }, localityScale(id, s.result.correlationThreshold)),
  );
}

export function heatmapPanel(ctx: ViewContext): ViewBinding {
  const { slots, doc } = ctx;
  const back = button(doc, 'Module pattern', () => ctx.dispatch({ type: 'showModuleHeatmap' }), {
    secondary: true,
    title: 'Show the selected module again',
  });
  let copyTop = () => {};
  const copy = button(doc, 'Copy top features', () => copyTop(), {
    secondary: true,
    title: "Copy the module's top features, one per line (for enrichment tools)",
  });
  copy.dataset.testid = 'copy-top';
  slots.heatmapBar.append(back, copy);
  exportButtons(ctx, slots.heatmapBar, 'heatmap', slots.heatmap);
  return {
    name: 'heatmap',
    deps: (s) => [s.result, s.selectedModule, s.heatmapOf, s.locality, s.pair?.key],
    render: (s) => {
      const locality = s.heatmapOf === 'locality' ? s.locality : null;
      back.hidden = locality === null;
      const m = selectedModule(s);
      const word = featureWord(s.result);
      copy.textContent = `Copy top ${word}`;
      copy.hidden = locality !== null || !m;
      copyTop = () => {
        if (!m) return;
        const top = topFeatures(m, s.result.features);
        ctx.copy(top.join('\n'), `${top.length} top ${word} of M${m.id}`);
      };
      if (locality) return renderLocality(ctx, s, locality);
      slots.heatmapTitle.textContent = m ? `M${m.id}: r where active · ${m.name}` : 'Pattern';
      const features = s.result.features;
      if (m) draw(ctx, s, features, rWhereActivePattern(m, features), { moduleId: m.id, localityId: null }, moduleScale(m));
      else slots.heatmap.replaceChildren();
    },
  };
}
