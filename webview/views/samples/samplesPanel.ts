// The samples panel's binding: the picked locality's rows as they are. For pixel data a grid of thumbnails drawn
// from the rows' values; otherwise a table of rows whose line numbers open the data file there.
import { rowTitle, rowsAreLines } from '../../../src/shared/result/rowLabels';
import { selectedModule } from '../../store/selectors';
import type { SampleValues } from '../../store/state';
import { el } from '../../util/dom';
import type { ImageGrid } from '../../util/imageGrid';
import { membersOf, metadataValue } from '../../../src/shared/result/columns';
import { sampleImage, valueRange } from '../../util/sampleImage';
import type { ViewBinding, ViewContext, WithResult } from '../binding';
import { renderLoadable } from '../requestStatus/requestStatus';
import { renderRowsTable } from './rowsTable';

const HINT = 'Click the map to pick a locality: its samples show here.';
/** Feature columns in the table: the selected module's strongest features. */
const TABLE_FEATURES = 6;
const THUMB_PX = 48;

function thumbnail(
  ctx: ViewContext,
  s: WithResult,
  grid: ImageGrid,
  v: SampleValues,
  k: number,
  range: [number, number],
) {
  const theme = ctx.theme();
  const row = v.rows[k];
  const F = v.features.length;
  const canvas = ctx.doc.createElement('canvas');
  canvas.width = grid.cols;
  canvas.height = grid.rows;
  canvas.style.width = canvas.style.height = `${THUMB_PX}px`;
  canvas.className = 'lava-sample-thumb';
  canvas.dataset.testid = 'sample-thumb';
  canvas.dataset.row = String(row);
  const label = s.result.metadata.map((c) => `${c.name} ${String(metadataValue(c, row))}`).join(', ');
  // Only a text file's rows are lines to open it at (not an .npy's positions); a report has nothing to open.
  const out = rowsAreLines(s.result) ? ctx.rowsOut : undefined;
  canvas.title = `${rowTitle(s.result, row)}${label ? ` (${label})` : ''}${out ? ': click to open the data file there' : ''}`;
  canvas.setAttribute('aria-label', canvas.title);
  canvas.setAttribute('role', out ? 'button' : 'img');
  if (out) {
    canvas.tabIndex = 0;
    canvas.addEventListener('click', () => out.open(row));
    canvas.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      out.open(row);
    });
  }
  const g = canvas.getContext('2d');
  // jsdom has no canvas: the element is there, nothing is painted.
  if (g) {
    const rgba = sampleImage(
      grid,
      v.values.subarray(k * F, (k + 1) * F),
      range,
      theme.background,
      theme.foreground,
    );
    const img = g.createImageData(grid.cols, grid.rows);
    img.data.set(rgba);
    g.putImageData(img, 0, 0);
  }
  return canvas;
}

function draw(ctx: ViewContext, s: WithResult, locality: number, v: SampleValues): void {
  const grid = ctx.cache(s.result).grid;
  const root = el(ctx.doc, 'div', undefined, 'lava-samples');
  root.dataset.testid = 'locality-samples';
  root.dataset.sampleCount = String(v.rows.length);
  root.dataset.locality = String(locality);
  root.dataset.kind = grid ? 'images' : 'table';
  const total = membersOf(s.result.localities, locality).length;
  const more = total > v.rows.length ? ` (the first ${v.rows.length} of ${total})` : '';
  root.append(el(ctx.doc, 'p', `Locality ${locality}: ${v.rows.length} samples${more}`, 'lava-muted'));
  if (grid && grid.cellOf.length === v.features.length) {
    const range = valueRange(v.values);
    const wall = el(ctx.doc, 'div', undefined, 'lava-sample-grid');
    for (let k = 0; k < v.rows.length; k++) wall.append(thumbnail(ctx, s, grid, v, k, range));
    root.append(wall);
  } else {
    const m = selectedModule(s);
    const columns = m
      ? m.featureWeights
          .map((w, f) => [w, f])
          .sort((a, b) => b[0] - a[0] || a[1] - b[1])
          .slice(0, TABLE_FEATURES)
          .map(([, f]) => f)
      : v.features.slice(0, TABLE_FEATURES).map((_, f) => f);
    renderRowsTable(root, {
      result: s.result,
      rows: v.rows,
      limit: 200,
      onOpen: ctx.rowsOut?.open,
      values: { ...v, columns },
    });
  }
  ctx.slots.samples.replaceChildren(root);
}

export function samplesPanel(ctx: ViewContext): ViewBinding {
  return {
    name: 'samples',
    deps: (s) => [s.result, s.samples, s.selectedModule],
    render: (s) => {
      const l = s.samples;
      if (!l) return ctx.slots.samples.replaceChildren(el(ctx.doc, 'p', HINT, 'lava-muted'));
      const what = `locality ${l.key}'s samples`;
      renderLoadable(
        ctx.slots.samples,
        l,
        what,
        () => ctx.dispatch({ type: 'retrySamples' }),
        (v) => draw(ctx, s, l.key, v),
      );
    },
  };
}
