// The explorer's static skeleton: panels, their title bars and the slots views render into, and the views' sizes.
import type { DetailTab } from '../../src/shared/protocol';
import type { LavaResult } from '../../src/shared/result/types';
import type { ViewBinding } from './binding';
import { buildTabs, type Tabs } from './tabs/tabs';

export interface Slots {
  header: HTMLElement;
  info: HTMLElement;
  search: HTMLElement;
  toolbar: HTMLElement;
  mapBar: HTMLElement;
  scatter: HTMLElement;
  colorLegend: HTMLElement;
  legend: HTMLElement;
  heatmapTitle: HTMLElement;
  heatmapBar: HTMLElement;
  heatmap: HTMLElement;
  pairTitle: HTMLElement;
  pairBar: HTMLElement;
  pair: HTMLElement;
  imagePanel: HTMLElement;
  imageBar: HTMLElement;
  image: HTMLElement;
  samplesTitle: HTMLElement;
  samplesBar: HTMLElement;
  samples: HTMLElement;
  selectionTitle: HTMLElement;
  selectionBar: HTMLElement;
  selection: HTMLElement;
  /** The detail views' tabs; `tabs.panels.<name>` holds each view's panel. */
  tabs: Tabs;
}

function panel(
  doc: Document,
  cls: string,
  title: string,
): { section: HTMLElement; h: HTMLElement; bar: HTMLElement; body: HTMLElement } {
  const section = doc.createElement('section');
  section.className = `lava-panel ${cls}`;
  const head = doc.createElement('div');
  head.className = 'lava-panel-head';
  const h = doc.createElement('h2');
  h.textContent = title;
  const bar = doc.createElement('div');
  bar.className = 'lava-panel-bar';
  head.append(h, bar);
  const body = doc.createElement('div');
  body.className = 'lava-panel-body';
  section.append(head, body);
  return { section, h, bar, body };
}

/** The panel's arrangement by its width: three columns, map and legend over the tabs, or one column. */
export type LayoutMode = 'wide' | 'medium' | 'narrow';

export function layoutMode(width: number): LayoutMode {
  return width >= 1180 ? 'wide' : width >= 720 ? 'medium' : 'narrow';
}

/** Sets the arrangement on the root (styles.css lays the panels out by it) whenever the width crosses a step. */
export function layoutPanel(root: HTMLElement, width: () => number): ViewBinding {
  return {
    name: 'layout',
    withoutResult: true,
    deps: () => [layoutMode(width())],
    render: () => {
      root.dataset.layout = layoutMode(width());
    },
  };
}

export function buildLayout(root: HTMLElement, chooseTab: (tab: DetailTab) => void): Slots {
  const doc = root.ownerDocument;
  root.replaceChildren();
  root.classList.add('lava-app');
  const header = doc.createElement('header');
  header.className = 'lava-header';
  const info = doc.createElement('div');
  info.className = 'lava-header-main';
  // Search and toolbar keep together and wrap below the title when the panel is narrow (styles.css).
  const actions = doc.createElement('div');
  actions.className = 'lava-header-actions';
  const search = doc.createElement('div');
  search.className = 'lava-search-slot';
  const toolbar = doc.createElement('div');
  toolbar.className = 'lava-toolbar';
  actions.append(search, toolbar);
  header.append(info, actions);

  const map = panel(doc, 'lava-map-panel', 'Embedding');
  const scatter = doc.createElement('div');
  scatter.className = 'lava-scatter-slot';
  const colorLegend = doc.createElement('div');
  map.body.append(scatter, colorLegend);
  const legend = panel(doc, 'lava-legend-panel', 'Modules');
  const tabs = buildTabs(doc, chooseTab);
  const heat = panel(doc, 'lava-heatmap-panel', 'Pattern');
  const pair = panel(doc, 'lava-pair-panel', 'Pair');
  const image = panel(doc, 'lava-image-panel', 'Module as a picture');
  const samples = panel(doc, 'lava-samples-panel', 'Samples');
  const selection = panel(doc, 'lava-selection-panel', 'Selection');
  tabs.panels.heatmap.append(heat.section);
  tabs.panels.pair.append(pair.section);
  tabs.panels.picture.append(image.section);
  tabs.panels.samples.append(samples.section);
  tabs.panels.selection.append(selection.section);
  root.append(header, map.section, legend.section, tabs.root);
  return {
    header,
    info,
    search,
    toolbar,
    mapBar: map.bar,
    scatter,
    colorLegend,
    legend: legend.body,
    heatmapTitle: heat.h,
    heatmapBar: heat.bar,
    heatmap: heat.body,
    pairTitle: pair.h,
    pairBar: pair.bar,
    pair: pair.body,
    imagePanel: image.section,
    imageBar: image.bar,
    image: image.body,
    samplesTitle: samples.h,
    samplesBar: samples.bar,
    samples: samples.body,
    selectionTitle: selection.h,
    selectionBar: selection.bar,
    selection: selection.body,
    tabs,
  };
}

/** Pixel sizes of the views, from the panel's width and height. */
export interface Sizes {
  mode: LayoutMode;
  mapW: number;
  mapH: number;
  heat: number;
  pairW: number;
  pairH: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * Sizes that keep the map (and on wide panels the heatmap) inside one screen under the header. `width` and
 * `height` are given in tests, where jsdom lays nothing out; in the webview they are the panel's.
 */
export function viewSizes(root: HTMLElement, slots: Slots, r: LavaResult | null, width?: number, height?: number): Sizes {
  const w = width ?? (root.clientWidth || 900);
  const vh = height ?? (root.ownerDocument.defaultView?.innerHeight || 800);
  const mode = layoutMode(w);
  // Below the header and the map's title bar: the app's padding and gap, borders, and the map's colour key.
  const mapHead = slots.mapBar.parentElement?.offsetHeight || 40;
  const free = vh - (slots.header.offsetHeight || 60) - mapHead - 96;
  const legendW = mode === 'narrow' ? 0 : 272;
  const detailsW = mode === 'wide' ? Math.round((w - legendW) * 0.42) : w - 24;
  const mapW = Math.max(260, Math.round(slots.scatter.clientWidth || w - 48 - legendW - (mode === 'wide' ? detailsW : 0)));
  const mapH = Math.round(clamp(mode === 'narrow' ? Math.min(free, mapW * 0.8) : free, 240, Math.max(240, mapW * 1.2)));
  const detailsInner = (slots.tabs.root.clientWidth || detailsW) - 20;
  // Many features need room for their cells; a few look best small. Wide panels keep it above the fold.
  const heatWant = (r?.features.length ?? 0) > 20 ? 560 : 380;
  const heat = Math.round(clamp(Math.min(heatWant, detailsInner, mode === 'wide' ? free + 20 : Infinity), 200, heatWant));
  return { mode, mapW, mapH, heat, pairW: 320, pairH: 280 };
}
