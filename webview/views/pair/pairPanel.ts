// The pair panel's binding: a hint until a pair is picked, then its values (loading, failed with a retry, or
// drawn) with the rows where the module (or the shown locality) is active in colour, as points, jittered points
// (discrete values) or binned density, and r inside vs outside those rows.
import { activeRows } from '../../../src/shared/result/active';
import { selectedModule, shownLocality } from '../../store/selectors';
import type { PairData, PairMode } from '../../store/state';
import { highlightColor } from '../../util/colors';
import { el } from '../../util/dom';
import { bin2d, discreteValues, jittered, maskedPearson, resolvePairMode } from '../../util/pairStats';
import { localityMask } from '../../util/selection';
import type { ViewBinding, ViewContext, WithResult } from '../binding';
import { exportButtons } from '../controls/exportButtons';
import { moduleColor } from '../legend/moduleColor';
import { renderLoadable } from '../requestStatus/requestStatus';
import { renderPairView } from './pairView';

const HINT =
  'Click a cell of the heatmap (or press Enter on it) to plot the two features against each other.';

const MODES: Record<PairMode, string> = {
  auto: 'auto',
  points: 'points',
  jitter: 'jitter',
  density: 'density',
};

interface Colouring {
  active: Uint8Array | null;
  activeLabel: string;
  activeColor?: string;
}

function colouring(ctx: ViewContext, s: WithResult): Colouring {
  const r = s.result;
  const theme = ctx.theme();
  const locality = shownLocality(s);
  const m = selectedModule(s);
  if (locality !== null)
    return {
      active: localityMask(r, locality),
      activeLabel: `locality ${locality}`,
      activeColor: highlightColor(theme),
    };
  if (m)
    return {
      active: activeRows(m.loadings, r.localities, r.rowCount),
      activeLabel: `localities where M${m.id} is active`,
      activeColor: moduleColor(theme, r.modules, m),
    };
  return { active: null, activeLabel: 'active' };
}

const showR = (v: { r: number; n: number }) =>
  Number.isFinite(v.r) ? `${v.r > 0 ? '+' : ''}${v.r.toFixed(3)} (n = ${v.n})` : `undefined (n = ${v.n})`;

/** r inside vs outside the active rows, as numbers a reader (and a test) can take. */
function rLine(doc: Document, pair: PairData, c: Colouring): HTMLElement {
  const line = el(doc, 'p', undefined, 'lava-pair-r');
  line.dataset.testid = 'pair-r';
  const inside = maskedPearson(pair.av, pair.bv, c.active, 1);
  const outside = maskedPearson(pair.av, pair.bv, c.active, 0);
  line.dataset.rIn = String(inside.r);
  line.dataset.rOut = String(outside.r);
  line.textContent = c.active
    ? `r = ${showR(inside)} in ${c.activeLabel.startsWith('locality') ? '' : 'the '}${c.activeLabel}; ${showR(outside)} elsewhere`
    : `r = ${showR(maskedPearson(pair.av, pair.bv, null))} over all rows`;
  return line;
}

function draw(ctx: ViewContext, s: WithResult, pair: PairData): void {
  const size = ctx.sizes(s.result);
  const c = colouring(ctx, s);
  const da = discreteValues(pair.av);
  const db = discreteValues(pair.bv);
  const plot = resolvePairMode(s.pairMode, pair.av.length, da !== null || db !== null);
  const av = plot === 'jitter' && da ? jittered(pair.av, da, 0) : pair.av;
  const bv = plot === 'jitter' && db ? jittered(pair.bv, db, 1) : pair.bv;
  renderPairView(ctx.slots.pair, {
    ...pair,
    av,
    bv,
    ...c,
    plot,
    bins: plot === 'density' ? bin2d(pair.av, pair.bv, c.active) : undefined,
    theme: ctx.theme(),
    width: size.pairW,
    height: size.pairH,
  });
  ctx.slots.pair.append(rLine(ctx.doc, pair, c));
}

function modeSelect(ctx: ViewContext): HTMLSelectElement {
  const select = ctx.doc.createElement('select');
  select.dataset.testid = 'pair-mode';
  select.title = 'Points, jittered points (discrete values), or binned density; auto picks from the data';
  for (const [value, textContent] of Object.entries(MODES))
    select.append(Object.assign(ctx.doc.createElement('option'), { value, textContent }));
  select.addEventListener('change', () => ctx.dispatch({ type: 'pairMode', mode: select.value as PairMode }));
  return select;
}

export function pairPanel(ctx: ViewContext): ViewBinding {
  const { slots } = ctx;
  const mode = modeSelect(ctx);
  slots.pairBar.append(mode);
  exportButtons(ctx, slots.pairBar, 'pair', slots.pair);
  return {
    name: 'pair',
    deps: (s) => [s.result, s.pair, s.selectedModule, s.heatmapOf, s.locality?.key, s.pairMode],
    render: (s) => {
      const p = s.pair;
      mode.value = s.pairMode;
      slots.pairTitle.textContent = p ? `Pair ${p.key.a} ~ ${p.key.b}` : 'Pair';
      if (!p) return slots.pair.replaceChildren(el(ctx.doc, 'p', HINT, 'lava-muted'));
      const what = `the values of ${p.key.a} and ${p.key.b}`;
      renderLoadable(
        slots.pair,
        p,
        what,
        () => ctx.dispatch({ type: 'retryPair' }),
        (v) => draw(ctx, s, v),
      );
    },
  };
}
