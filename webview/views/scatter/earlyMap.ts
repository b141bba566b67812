// The map of a running run before its result: the embedding greyed, the run's progress over it. It shows only
// while there is no result; the result's own map replaces it.
import { STEPS } from '../../../src/shared/protocol';
import { uniformColoring } from '../../util/pointColors';
import { el } from '../../util/dom';
import type { ViewBinding, ViewContext } from '../binding';
import { renderScatter } from './scatter';

export function earlyMapPanel(ctx: ViewContext): ViewBinding {
  const { slots } = ctx;
  const app = () => slots.header.parentElement!;
  return {
    name: 'earlyMap',
    withoutResult: true,
    deps: (s) => [s.result === null ? s.earlyMap : null, s.result === null ? s.running : null, ctx.sizes(null).mapW],
    render: (s) => {
      const map = s.result === null ? s.earlyMap : null;
      app().dataset.earlyMap = String(map !== null);
      if (!map) return;
      const size = ctx.sizes(null);
      const count = map.coords.length / map.dims;
      const theme = ctx.theme();
      renderScatter(slots.scatter, {
        coords: map.coords,
        dims: map.dims,
        count,
        coloring: { ...uniformColoring(count, theme), palette: [theme.muted] },
        theme,
        width: size.mapW,
        height: size.mapH,
        label: `Embedding of ${count} rows; modules are being computed`,
      });
      const root = slots.scatter.querySelector<HTMLElement>('[data-testid="scatter"]')!;
      root.dataset.early = 'true';
      root.append(progressOverlay(ctx.doc, s.running));
      slots.colorLegend.replaceChildren();
    },
  };
}

function progressOverlay(doc: Document, running: { step: string; fraction: number } | null): HTMLElement {
  const box = el(doc, 'div', undefined, 'lava-early-progress');
  box.setAttribute('role', 'status');
  box.dataset.testid = 'early-map-progress';
  const step = running?.step ?? 'embedding';
  const left = STEPS.slice(STEPS.indexOf(step as (typeof STEPS)[number]) + 1).filter((x) => x !== 'result');
  const pct = Math.round((running?.fraction ?? 0) * 100);
  box.append(
    el(doc, 'strong', `Computing ${step} ${pct}%`),
    el(doc, 'div', left.length ? `then ${left.join(', ')}` : 'almost done', 'lava-muted'),
  );
  const bar = el(doc, 'div', undefined, 'lava-early-bar');
  const fill = el(doc, 'div');
  fill.style.width = `${pct}%`;
  bar.append(fill);
  box.append(bar);
  return box;
}
