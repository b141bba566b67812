// The map panel's binding: what colours the points, which locality is highlighted and which rows are selected,
// what a hover shows, what a click asks for (the nearest probe's locality) and what a lasso or box selects.
import { rowTitle } from '../../../src/shared/result/rowLabels';
import type { LavaResult } from '../../../src/shared/result/types';
import { metadataValue } from '../../../src/shared/result/columns';
import { rowMask } from '../../store/rowSets';
import { selectedModule } from '../../store/selectors';
import { byModule, COLOR_BY_FEATURE, COLOR_BY_MODULE, type ExplorerState } from '../../store/state';
import {
  activityColoring,
  metadataColoring,
  sequentialColoring,
  uniformColoring,
  type PointColoring,
} from '../../util/pointColors';
import { baseName } from '../../util/fileName';
import { localityMask, nearestProbe, topModules } from '../../util/selection';
import type { ViewBinding, ViewContext } from '../binding';
import { renderColorLegend } from '../colorLegend/colorLegend';
import { renderLoadable } from '../requestStatus/requestStatus';
import { exportButtons } from '../controls/exportButtons';
import { moduleColor } from '../legend/moduleColor';
import { renderScatter, type ScatterClick, type TooltipContent } from './scatter';

function coloringFor(ctx: ViewContext, s: ExplorerState, r: LavaResult): PointColoring {
  const theme = ctx.theme();
  const m = selectedModule(s);
  if (s.colorBy === COLOR_BY_FEATURE && s.feature?.status === 'ready')
    return sequentialColoring(s.feature.key, s.feature.value, theme, theme.red);
  if (byModule(s.colorBy) && m)
    return activityColoring(r.modules, m, theme, moduleColor(theme, r.modules, m), s.colorBy === COLOR_BY_MODULE);
  const col = r.metadata.find((c) => c.name === s.colorBy);
  return col ? metadataColoring(col, theme) : uniformColoring(r.rowCount, theme);
}

function tooltip(r: LavaResult, row: number, feature: { name: string; values: Float32Array } | null): TooltipContent {
  const lines: string[] = [];
  if (feature) lines.push(`${feature.name}: ${Number(feature.values[row].toPrecision(4))}`);
  for (const c of r.metadata.slice(0, 6)) lines.push(`${c.name}: ${String(metadataValue(c, row))}`);
  const top = topModules(r, row);
  for (const t of top) lines.push(`M${t.id} ${t.name}: ${t.activity.toPrecision(3)}`);
  if (top.length === 0) lines.push('no module active here');
  return { title: rowTitle(r, row), lines };
}

/** The rows standing out: the selection, else the rows holding a searched metadata value. */
export function selectedRows(s: ExplorerState, r: LavaResult): Uint8Array | null {
  if (s.selection) return rowMask(s.selection.rows, r.rowCount);
  const target = s.search?.kind === 'value' ? s.search : null;
  const col = target && r.metadata.find((c) => c.name === target.column);
  if (!target || !col) return null;
  const mask = new Uint8Array(r.rowCount);
  for (let i = 0; i < r.rowCount; i++) if (String(metadataValue(col, i)) === target.value) mask[i] = 1;
  return mask;
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
      byModule(s.colorBy) ? s.selectedModule : null,
      s.selectedLocality,
      s.showProbes,
      s.selection,
      s.search,
      s.colorBy === COLOR_BY_FEATURE ? s.feature : null,
      s.mapTool,
      ctx.sizes(s.result).mapW,
      ctx.sizes(s.result).mapH,
    ],
    render: (s) => {
      const r = s.result;
      const size = ctx.sizes(r);
      // The legend beside the map scrolls at the map's height (styles.css).
      slots.header.parentElement?.style.setProperty('--lava-map-h', `${size.mapH}px`);
      const coloring = coloringFor(ctx, s, r);
      const picked = s.selectedLocality;
      const searched =
        s.colorBy === COLOR_BY_FEATURE && s.feature?.status === 'ready' ? { name: s.feature.key, values: s.feature.value } : null;
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
        selected: selectedRows(s, r),
        tool: s.mapTool,
        onSelect: (rows, mode) => ctx.dispatch({ type: 'select', rows, mode }),
        onClearSelection: () => ctx.dispatch({ type: 'clearSelection' }),
        tooltip: (row) => tooltip(r, row, searched),
        onClick: (hit) => {
          const id = clickedLocality(r, hit);
          if (id >= 0) ctx.dispatch({ type: 'showLocality', id });
        },
      });
      if (s.colorBy === COLOR_BY_FEATURE && s.feature && s.feature.status !== 'ready')
        renderLoadable(slots.colorLegend, s.feature, `the values of ${s.feature.key}`, () => ctx.dispatch({ type: 'retryFeature' }), () => {});
      else renderColorLegend(slots.colorLegend, coloring.legend);
      shown = { file: baseName(r.source.file), legend: coloring.legend };
    },
  };
}
