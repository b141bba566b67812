// The selection panel's binding: how many rows the map selection holds, which modules set it apart, its own
// correlations (from the engine) and their difference from the rest, its metadata make-up, and its rows out
// (CSV, line numbers, the data file at a row).
import { rowNumberHeading } from '../../../src/shared/result/rowLabels';
import type { LavaResult } from '../../../src/shared/result/types';
import { el } from '../../util/dom';
import { metadataMakeup, moduleEffects } from '../../util/regionStats';
import { rowMask } from '../../store/rowSets';
import type { SelectionStats } from '../../store/state';
import type { ViewBinding, ViewContext, WithResult } from '../binding';
import { button } from '../controls/button';
import { renderHeatmapExplorer } from '../heatmap/heatmapExplorer';
import { renderLoadable } from '../requestStatus/requestStatus';
import { renderRowsTable } from '../samples/rowsTable';
import { MIN_CORRELATION_ROWS } from '../../store/reduceSelection';
import { makeupTables, moduleRanking } from './selectionSummary';

const HINT = 'Select a region on the map (lasso or box; shift adds, alt removes) to explain it here.';

function toolbar(ctx: ViewContext, r: LavaResult, rows: Int32Array): HTMLElement {
  const bar = el(ctx.doc, 'div', undefined, 'lava-panel-bar');
  const out = ctx.rowsOut;
  if (out)
    bar.append(
      button(ctx.doc, 'Export CSV…', () => out.save(rows), {
        icon: 'save',
        secondary: true,
        title: 'Save the selected rows (line, metadata, coordinates, module activities) as CSV',
      }),
      button(ctx.doc, r.rowNames ? 'Copy row names' : `Copy ${rowNumberHeading(r)} numbers`, () => out.copy(rows), {
        icon: 'copy',
        secondary: true,
      }),
    );
  bar.append(
    button(ctx.doc, 'Clear', () => ctx.dispatch({ type: 'clearSelection' }), {
      icon: 'close',
      secondary: true,
    }),
  );
  return bar;
}

/** Inside - rest, pair by pair. */
export function difference(v: SelectionStats): Float32Array {
  return v.inside.map((r, q) => r - v.rest[q]);
}

function correlations(ctx: ViewContext, s: WithResult): HTMLElement {
  const box = el(ctx.doc, 'div', undefined, 'lava-selection-heatmap');
  const l = s.selectionStats;
  if (!l) {
    box.append(
      el(
        ctx.doc,
        'p',
        `Correlations need ${MIN_CORRELATION_ROWS} rows or more inside and outside the selection.`,
        'lava-muted',
      ),
    );
    return box;
  }
  const show = s.selectionHeatmap;
  const toggle = ctx.doc.createElement('select');
  toggle.dataset.testid = 'selection-heatmap-show';
  for (const [value, text] of [
    ['inside', 'inside the selection'],
    ['difference', 'inside minus the rest'],
  ])
    toggle.append(Object.assign(ctx.doc.createElement('option'), { value, textContent: text }));
  toggle.value = show;
  toggle.addEventListener('change', () =>
    ctx.dispatch({ type: 'selectionHeatmap', show: toggle.value === 'difference' ? 'difference' : 'inside' }),
  );
  const caption = el(ctx.doc, 'p', undefined, 'lava-muted');
  const matrix = el(ctx.doc, 'div');
  box.append(toggle, caption, matrix);
  renderLoadable(
    matrix,
    l,
    "the selection's correlations",
    () => ctx.dispatch({ type: 'retrySelectionStats' }),
    (v) => {
      caption.textContent =
        show === 'inside'
          ? `Pearson r over the ${v.insideCount} selected rows (not thresholded).`
          : `r over the ${v.insideCount} selected rows minus r over the other ${v.restCount} (the rest from sums over all rows minus the selection's).`;
      renderHeatmapExplorer(matrix, {
        pattern: show === 'inside' ? v.inside : difference(v),
        features: v.features,
        order: s.heatmapOrder,
        query: '',
        theme: ctx.theme(),
        size: ctx.sizes(s.result).heat,
        testId: 'selection-heatmap',
        selectedPair: s.pair?.key ?? null,
        onPair: (a, b) => ctx.dispatch({ type: 'showPair', a, b }),
      });
    },
  );
  return box;
}

function draw(ctx: ViewContext, s: WithResult, rows: Int32Array): void {
  const { doc } = ctx;
  const r = s.result;
  const mask = rowMask(rows, r.rowCount);
  const root = el(doc, 'div', undefined, 'lava-selection');
  root.dataset.testid = 'selection';
  root.dataset.rowCount = String(rows.length);
  const pct = ((100 * rows.length) / r.rowCount).toFixed(1);
  root.append(
    el(doc, 'p', `${rows.length} rows selected (${pct}% of the map)`, 'lava-selection-count'),
    toolbar(ctx, r, rows),
  );
  root.append(el(doc, 'h3', 'Modules, most more active inside first'));
  root.append(moduleRanking(doc, moduleEffects(r, mask), (id) => ctx.dispatch({ type: 'selectModule', id })));
  if (r.metadata.length) root.append(el(doc, 'h3', 'Make-up'), makeupTables(doc, metadataMakeup(r, mask)));
  root.append(el(doc, 'h3', 'Correlations'), correlations(ctx, s));
  root.append(el(doc, 'h3', 'Rows'));
  renderRowsTable(root, { result: r, rows, limit: 20, onOpen: ctx.rowsOut?.open, testId: 'selection-rows' });
  ctx.slots.selection.replaceChildren(root);
}

export function selectionPanel(ctx: ViewContext): ViewBinding {
  return {
    name: 'selection',
    deps: (s) => [s.result, s.selection, s.selectionStats, s.selectionHeatmap, s.heatmapOrder, s.pair?.key],
    render: (s) => {
      if (!s.selection) return ctx.slots.selection.replaceChildren(el(ctx.doc, 'p', HINT, 'lava-muted'));
      draw(ctx, s, s.selection.rows);
    },
  };
}
