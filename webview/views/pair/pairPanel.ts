// The pair panel's binding: a hint until a pair is picked, then its values (loading, failed with a retry, or
// drawn) with the rows where the module (or the shown locality) is active in colour.
import { activeRows } from '../../../src/shared/result/active';
import { selectedModule, shownLocality } from '../../store/selectors';
import type { PairData } from '../../store/state';
import { el } from '../../util/dom';
import { localityMask } from '../../util/selection';
import type { ViewBinding, ViewContext, WithResult } from '../binding';
import { exportButtons } from '../controls/exportButtons';
import { moduleColor } from '../legend/moduleColor';
import { renderLoadable } from '../requestStatus/requestStatus';
import { renderPairView } from './pairView';

const HINT = 'Click a cell of the heatmap (or press Enter on it) to plot the two features against each other.';

function draw(ctx: ViewContext, s: WithResult, pair: PairData): void {
  const r = s.result;
  const theme = ctx.theme();
  const size = ctx.sizes(r);
  const locality = shownLocality(s);
  const m = selectedModule(s);
  const colouring =
    locality !== null
      ? { active: localityMask(r, locality), activeLabel: `locality ${locality}`, activeColor: theme.focusBorder }
      : m
        ? {
            active: activeRows(m.loadings, r.localities, r.rowCount),
            activeLabel: `localities where M${m.id} is active`,
            activeColor: moduleColor(theme, r.modules, m),
          }
        : { active: null, activeLabel: 'active' };
  renderPairView(ctx.slots.pair, { ...pair, ...colouring, theme, width: size.pairW, height: size.pairH });
}

export function pairPanel(ctx: ViewContext): ViewBinding {
  const { slots } = ctx;
  exportButtons(ctx, slots.pairBar, 'pair', slots.pair);
  return {
    name: 'pair',
    deps: (s) => [s.result, s.pair, s.selectedModule, s.heatmapOf, s.locality?.key],
    render: (s) => {
      const p = s.pair;
      slots.pairTitle.textContent = p ? `Pair ${p.key.a} ~ ${p.key.b}` : 'Pair';
      if (!p) return slots.pair.replaceChildren(el(ctx.doc, 'p', HINT, 'lava-muted'));
      const what = `the values of ${p.key.a} and ${p.key.b}`;
      renderLoadable(slots.pair, p, what, () => ctx.dispatch({ type: 'retryPair' }), (v) => draw(ctx, s, v));
    },
  };
}
