// Wires the explorer: host messages and clicks go into the store; every view re-renders from the state it reads.
import type { LavaResult, ModuleResult } from '../src/shared/result/types';
import type { ToWebviewMessage } from '../src/shared/protocol';
import { readTheme, type Theme } from './util/colors';
import { renderColorLegend } from './views/colorLegend/colorLegend';
import { viewToPng, viewToSvg } from './util/export';
import { renderHeader } from './views/header/header';
import { renderHeatmap } from './views/heatmap/heatmap';
import { detectImageGrid, type ImageGrid } from './util/imageGrid';
import { renderModuleImage } from './views/image/imageView';
import { buildLayout, type Slots } from './views/layout';
import { moduleColors, renderModuleLegend } from './views/legend/legend';
import { renderPairView } from './views/pair/pairView';
import { isCategoricalNumeric, metadataColoring, sequentialColoring, uniformColoring, type PointColoring } from './util/pointColors';
import { renderScatter, type TooltipContent } from './views/scatter/scatter';
import { localityMask, nearestProbe, topModules } from './util/selection';
import { activeRows } from '../src/shared/result/active';
import { COLOR_BY_MODULE, initialState, persisted, Store, type ExplorerState } from './store/state';
import type { HostApi } from './util/vscodeApi';
import { decodeFloat32 } from '../src/shared/result/codec';

export interface App {
  store: Store;
  /** Feeds a host message in (main.ts connects window 'message' events here). */
  receive(message: ToWebviewMessage): void;
  /** Re-reads the theme variables and redraws (theme switch). */
  refreshTheme(): void;
  /** Redraws at the container's current size. */
  resize(): void;
}

/** Per-result caches: decoding patterns and detecting the pixel grid once, not on every render. */
class ResultCache {
  private patterns = new Map<number, Float32Array>();
  readonly grid: ImageGrid | null;
  constructor(readonly result: LavaResult) {
    this.grid = detectImageGrid(result.features);
  }
  pattern(m: ModuleResult): Float32Array {
    let p = this.patterns.get(m.id);
    if (!p) this.patterns.set(m.id, (p = decodeFloat32(m.pattern)));
    return p;
  }
}

function button(
  doc: Document,
  label: string,
  onClick: () => void,
  opts: { icon?: string; secondary?: boolean; title?: string } = {},
): HTMLElement {
  // vscode-button when the elements are loaded (the real webview); a plain button behaves the same in tests.
  const defined = typeof customElements !== 'undefined' && customElements.get('vscode-button');
  const b = doc.createElement(defined ? 'vscode-button' : 'button');
  b.textContent = label;
  if (opts.icon) b.setAttribute('icon', opts.icon);
  if (opts.secondary) b.setAttribute('secondary', '');
  if (opts.title) b.title = opts.title;
  b.addEventListener('click', onClick);
  return b;
}

export function startApp(root: HTMLElement, host: HostApi, options: { width?: number } = {}): App {
  const doc = root.ownerDocument;
  const slots: Slots = buildLayout(root);
  const store = new Store(initialState(host.getState()));
  let theme: Theme = readTheme(doc.documentElement);
  let cache: ResultCache | null = null;
  let requestId = 0;
  const last = new Map<string, unknown[]>();

  /** True when any input of a view changed since its last render (shallow, by reference). */
  const changed = (view: string, deps: unknown[], force: boolean): boolean => {
    const prev = last.get(view);
    last.set(view, deps);
    return force || !prev || prev.length !== deps.length || prev.some((d, k) => d !== deps[k]);
  };

  const selectedModule = (s: ExplorerState): ModuleResult | null =>
    s.result?.modules.find((m) => m.id === s.selectedModule) ?? null;

  const exportView = async (view: string, slot: HTMLElement, format: 'png' | 'svg') => {
    const data =
      format === 'svg' ? viewToSvg(slot) : await viewToPng(slot, theme.background).catch(() => null);
    if (data) host.postMessage({ type: 'export', format, view, data });
  };
  const exportButtons = (bar: HTMLElement, view: string, slot: HTMLElement) => {
    bar.append(
      button(doc, 'PNG', () => void exportView(view, slot, 'png'), {
        secondary: true,
        title: `Export the ${view} as PNG`,
      }),
      button(doc, 'SVG', () => void exportView(view, slot, 'svg'), {
        secondary: true,
        title: `Export the ${view} as SVG`,
      }),
    );
  };

  // Controls built once; their values follow the state in render().
  slots.toolbar.append(
    button(doc, 'Re-run', () => host.postMessage({ type: 'rerun' }), {
      icon: 'debug-rerun',
      title: 'Run LAVA again with the current settings',
    }),
    button(doc, 'Save result', () => host.postMessage({ type: 'saveResult' }), {
      icon: 'save',
      secondary: true,
    }),
    button(doc, 'Settings', () => host.postMessage({ type: 'openSettings' }), {
      icon: 'settings-gear',
      secondary: true,
    }),
  );
  const colorSelect = doc.createElement('select');
  colorSelect.className = 'lava-select';
  colorSelect.setAttribute('aria-label', 'Colour the map by');
  colorSelect.addEventListener('change', () =>
    store.dispatch({ type: 'colorBy', value: colorSelect.value || null }),
  );
  const probesLabel = doc.createElement('label');
  probesLabel.className = 'lava-check';
  const probesBox = doc.createElement('input');
  probesBox.type = 'checkbox';
  probesBox.addEventListener('change', () =>
    store.dispatch({ type: 'toggleProbes', show: probesBox.checked }),
  );
  probesLabel.append(probesBox, doc.createTextNode('Probes'));
  const colorLabel = doc.createElement('label');
  colorLabel.className = 'lava-color-by';
  colorLabel.append(doc.createTextNode('Colour by '), colorSelect);
  slots.mapBar.append(colorLabel, probesLabel);
  exportButtons(slots.mapBar, 'map', slots.scatter);
  const backButton = button(doc, 'Module pattern', () => store.dispatch({ type: 'showModuleHeatmap' }), {
    secondary: true,
    title: 'Show the selected module again',
  });
  slots.heatmapBar.append(backButton);
  exportButtons(slots.heatmapBar, 'heatmap', slots.heatmap);
  exportButtons(slots.pairBar, 'pair', slots.pair);
  exportButtons(slots.imageBar, 'module-image', slots.image);

  const sizes = (r?: LavaResult) => {
    const w = options.width ?? (root.clientWidth || 900);
    const mapW = Math.max(280, Math.round(slots.scatter.clientWidth || Math.min(w - 320, 900)));
    return {
      mapW,
      mapH: Math.round(Math.min(560, Math.max(260, mapW * 0.7))),
      // Many features need room for their cells; a few look best small.
      heat: (r?.features.length ?? 0) > 20 ? 560 : 380,
      pairW: 320,
      pairH: 280,
    };
  };

  const coloringFor = (s: ExplorerState, r: LavaResult): PointColoring => {
    const m = selectedModule(s);
    if (s.colorBy === COLOR_BY_MODULE && m)
      return sequentialColoring(`M${m.id} activity`, m.activity, theme, moduleColor(r, m));
    const col = r.metadata.find((c) => c.name === s.colorBy);
    return col ? metadataColoring(col, theme) : uniformColoring(r.rowCount, theme);
  };

  /** The module's legend swatch colour, reused for its activity ramp and its active rows. */
  const moduleColor = (r: LavaResult, m: ModuleResult): string =>
    moduleColors(theme, r.modules.length)[r.modules.indexOf(m)] ?? theme.orange;

  const tooltip = (r: LavaResult, row: number): TooltipContent => {
    const lines: string[] = [];
    for (const c of r.metadata.slice(0, 6)) lines.push(`${c.name}: ${String(c.values[row])}`);
    const top = topModules(r, row);
    for (const t of top) lines.push(`M${t.id} ${t.name}: ${t.activity.toPrecision(3)}`);
    if (top.length === 0) lines.push('no module active here');
    return { title: `line ${r.rowLines[row] ?? row + 1}`, lines };
  };

  const onMapClick = (r: LavaResult, hit: { row: number | null; probe: number | null }) => {
    const dims = r.embedding.dims;
    const probe =
      hit.probe ??
      (hit.row !== null
        ? nearestProbe(
            r.probes,
            dims,
            r.embedding.coords[hit.row * dims],
            r.embedding.coords[hit.row * dims + 1],
          )
        : -1);
    if (probe < 0) return;
    const id = ++requestId;
    store.dispatch({ type: 'requestLocality', id: probe, requestId: id });
    host.postMessage({ type: 'requestLocality', requestId: id, locality: probe });
  };

  const onCellClick = (features: readonly string[], i: number, j: number) => {
    const a = features[Math.min(i, j)];
    const b = features[Math.max(i, j)];
    const id = ++requestId;
    store.dispatch({ type: 'requestPair', a, b, requestId: id });
    host.postMessage({ type: 'requestPair', requestId: id, a, b });
  };

  const render = (s: ExplorerState, force = false) => {
    if (changed('header', [s.result, s.appliedFrom, s.running, s.error], force)) renderHeader(slots.info, s);
    const r = s.result;
    root.dataset.hasResult = String(r !== null);
    if (!r) return;
    if (!cache || cache.result !== r) cache = new ResultCache(r);
    const c = cache;
    const m = selectedModule(s);
    const size = sizes(r);

    if (changed('controls', [r, s.colorBy, s.showProbes], force)) {
      const opts: [string, string][] = [
        ...r.metadata.map((col): [string, string] => [
          col.name,
          `${col.name} (${col.kind === 'text' || isCategoricalNumeric(col.values) ? 'category' : 'number'})`,
        ]),
        [COLOR_BY_MODULE, 'selected module activity'],
        ['', 'nothing'],
      ];
      colorSelect.replaceChildren(
        ...opts.map(([v, label]) =>
          Object.assign(doc.createElement('option'), { value: v, textContent: label }),
        ),
      );
      colorSelect.value = s.colorBy ?? '';
      probesBox.checked = s.showProbes;
    }

    const colorModule = s.colorBy === COLOR_BY_MODULE ? s.selectedModule : null;
    if (changed('scatter', [r, s.colorBy, colorModule, s.selectedLocality, s.showProbes, size.mapW], force)) {
      const coloring = coloringFor(s, r);
      const showLocality = s.selectedLocality !== null;
      renderScatter(slots.scatter, {
        coords: r.embedding.coords,
        dims: r.embedding.dims,
        count: r.rowCount,
        coloring,
        theme,
        width: size.mapW,
        height: size.mapH,
        probes: s.showProbes || showLocality ? r.probes : null,
        onlySelectedProbe: !s.showProbes,
        selectedProbe: s.selectedLocality,
        highlight: showLocality ? localityMask(r, s.selectedLocality!) : null,
        tooltip: (row) => tooltip(r, row),
        onClick: (hit) => onMapClick(r, hit),
      });
      renderColorLegend(slots.colorLegend, coloring.legend);
    }

    if (changed('legend', [r, s.selectedModule], force)) {
      renderModuleLegend(slots.legend, {
        modules: r.modules,
        featureCount: r.features.length,
        selectedModule: s.selectedModule,
        theme,
        grid: c.grid,
        onSelect: (id) => store.dispatch({ type: 'selectModule', id }),
      });
    }

    const showLocality = s.heatmapOf === 'locality' && s.locality !== null;
    if (changed('heatmap', [r, s.selectedModule, showLocality, s.locality, s.pairRequest], force)) {
      backButton.hidden = !showLocality;
      const features = showLocality ? s.locality!.features : r.features;
      const pattern = showLocality ? s.locality!.pattern : m ? c.pattern(m) : null;
      slots.heatmapTitle.textContent = showLocality
        ? `Locality ${s.locality!.id}: its own correlations`
        : m
          ? `M${m.id} pattern: ${m.name}`
          : 'Pattern';
      const ia = s.pairRequest ? features.indexOf(s.pairRequest.a) : -1;
      const ib = s.pairRequest ? features.indexOf(s.pairRequest.b) : -1;
      if (pattern) {
        renderHeatmap(slots.heatmap, {
          pattern,
          features,
          theme,
          size: size.heat,
          moduleId: showLocality ? null : (m?.id ?? null),
          localityId: showLocality ? s.locality!.id : null,
          selectedPair: ia >= 0 && ib >= 0 ? [ia, ib] : null,
          onCellClick: (i, j) => onCellClick(features, i, j),
        });
      } else slots.heatmap.replaceChildren();
    }

    if (changed('pair', [r, s.pair, s.pairRequest, s.selectedModule, showLocality, s.locality], force)) {
      if (s.pair) {
        slots.pairTitle.textContent = `Pair ${s.pair.a} ~ ${s.pair.b}`;
        const active = showLocality ? localityMask(r, s.locality!.id) : m ? activeRows(m.loadings, r.localities.members, r.rowCount) : null;
        renderPairView(slots.pair, {
          a: s.pair.a,
          b: s.pair.b,
          av: s.pair.av,
          bv: s.pair.bv,
          active,
          activeLabel: showLocality
            ? `locality ${s.locality!.id}`
            : m
              ? `localities where M${m.id} is active`
              : 'active',
          activeColor: showLocality ? theme.focusBorder : m ? moduleColor(r, m) : undefined,
          theme,
          width: size.pairW,
          height: size.pairH,
        });
      } else {
        slots.pairTitle.textContent = 'Pair';
        const hint = doc.createElement('p');
        hint.className = 'lava-muted';
        hint.textContent = s.pairRequest
          ? `Loading ${s.pairRequest.a} ~ ${s.pairRequest.b}…`
          : 'Click a cell of the heatmap (or press Enter on it) to plot the two features against each other.';
        slots.pair.replaceChildren(hint);
      }
    }

    if (changed('image', [r, s.selectedModule], force)) {
      slots.imagePanel.hidden = !(c.grid && m);
      if (c.grid && m)
        renderModuleImage(slots.image, {
          grid: c.grid,
          weights: m.featureWeights,
          theme,
          size: 200,
          moduleId: m.id,
        });
      else slots.image.replaceChildren();
    }
  };

  store.subscribe((s, prev) => {
    host.setState(persisted(s));
    render(s);
    // A restored (or kept) locality selection on a new result: fetch its heatmap again, as a click would.
    if (s.result && s.result !== prev.result && s.selectedLocality !== null) {
      const id = ++requestId;
      store.dispatch({ type: 'requestLocality', id: s.selectedLocality, requestId: id });
      host.postMessage({ type: 'requestLocality', requestId: id, locality: s.selectedLocality });
    }
  });
  render(store.get(), true);

  return {
    store,
    receive: (message) => store.dispatch({ type: 'message', message }),
    refreshTheme: () => {
      theme = readTheme(doc.documentElement);
      render(store.get(), true);
    },
    resize: () => render(store.get()),
  };
}
