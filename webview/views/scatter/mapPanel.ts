// The map panel's binding: what colours the points, which locality is highlighted, what a hover shows and
// what a click asks for (the nearest probe's locality).
import type { LavaResult } from '../../../src/shared/result/types';
import { selectedModule } from '../../store/selectors';
import { COLOR_BY_MODULE, type ExplorerState } from '../../store/state';
import { baseName } from '../../util/fileName';
import { metadataColoring, sequentialColoring, uniformColoring, type PointColoring } from '../../util/pointColors';
import { localityMask, nearestProbe, topModules } from '../../util/selection';
import type { ViewBinding, ViewContext } from '../binding';
import { renderColorLegend } from '../colorLegend/colorLegend';
import { exportButtons } from '../controls/exportButtons';
import { moduleColor } from '../legend/moduleColor';
import { renderScatter, type ScatterClick, type TooltipContent } from './scatter';

function coloringFor(ctx: ViewContext, s: ExplorerState, r: LavaResult): PointColoring {
  const theme = ctx.theme();
  const m = selectedModule(s);
  if (s.colorBy === COLOR_BY_MODULE && m)
    return sequentialColoring(`M${m.id} activity`, m.activity, theme, moduleColor(theme, r.modules, m));
  const col = r.metadata.find((c) => c.name === s.colorBy);
  return col ? metadataColoring(col, theme) : uniformColoring(r.rowCount, theme);
}

function tooltip(r: LavaResult, row: number): TooltipContent {
  const lines: string[] = [];
  for (const c of r.metadata.slice(0, 6)) lines.push(`${c.name}: ${String(c.values[row])}`);
  const top = topModules(r, row);
  for (const t of top) lines.push(`M${t.id} ${t.name}: ${t.activity.toPrecision(3)}`);
  if (top.length === 0) lines.push('no module active here');
  return { title: `line ${r.rowLines[row] ?? row + 1}`, lines };
}

/** A click on a probe picks it; on a point, the probe nearest to that point. */
function clickedLocality(r: LavaResult, hit: ScatterClick): number {
  if (hit.probe !== null) return hit.probe;
  if (hit.row === null) return -1;
  const d = r.embedding.dims;
  return nearestProbe(r.probes, d, r.embedding.coords[hit.row * d], r.embedding.coords[hit.row * d + 1]);
}

export function mapPanel(ctx: ViewContext): ViewBinding {
  const { slots } = ctx;
  let shown: { file: string; legend: PointColoring['legend'] } | null = null;
  exportButtons(ctx, slots.mapBar, 'map', slots.scatter, () => ({
    title: shown ? `${shown.file}: embedding map` : 'Embedding map',
    legend: shown?.legend,
  }));
  return {
    name: 'map',
    deps: (s) => [
      s.result,
      s.colorBy,
      s.colorBy === COLOR_BY_MODULE ? s.selectedModule : null,
      s.selectedLocality,
      s.showProbes,
      ctx.sizes(s.result).mapW,
    ],
    render: (s) => {
      const r = s.result;
      const size = ctx.sizes(r);
      const coloring = coloringFor(ctx, s, r);
      const picked = s.selectedLocality;
      renderScatter(slots.scatter, {
        coords: r.embedding.coords,
        dims: r.embedding.dims,
        count: r.rowCount,
        coloring,
        theme: ctx.theme(),
        width: size.mapW,
        height: size.mapH,
        probes: s.showProbes || picked !== null ? r.probes : null,
        onlySelectedProbe: !s.showProbes,
        selectedProbe: picked,
        highlight: picked !== null ? localityMask(r, picked) : null,
        tooltip: (row) => tooltip(r, row),
        onClick: (hit) => {
          const id = clickedLocality(r, hit);
          if (id >= 0) ctx.dispatch({ type: 'showLocality', id });
        },
      });
      renderColorLegend(slots.colorLegend, coloring.legend);
      shown = { file: baseName(r.source.file), legend: coloring.legend };
    },
  };
}
