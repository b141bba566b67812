// The explorer's static skeleton: panels, their title bars and the slots views render into, and the views' sizes.
import type { LavaResult } from '../../src/shared/result/types';

export interface Slots {
  info: HTMLElement;
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
  /** The map selection explained: its size, modules, correlations and make-up. */
  selection: HTMLElement;
  /** The picked locality's samples: thumbnails for pixel data, else a table of rows. */
  samples: HTMLElement;
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

export function buildLayout(root: HTMLElement): Slots {
  const doc = root.ownerDocument;
  root.replaceChildren();
  root.classList.add('lava-app');
  const header = doc.createElement('header');
  header.className = 'lava-header';
  const info = doc.createElement('div');
  const toolbar = doc.createElement('div');
  toolbar.className = 'lava-toolbar';
  header.append(info, toolbar);

  const map = panel(doc, 'lava-map-panel', 'Embedding');
  const scatter = doc.createElement('div');
  scatter.className = 'lava-scatter-slot';
  const colorLegend = doc.createElement('div');
  map.body.append(scatter, colorLegend);
  const legend = panel(doc, 'lava-legend-panel', 'Modules');
  const heat = panel(doc, 'lava-heatmap-panel', 'Pattern');
  const pair = panel(doc, 'lava-pair-panel', 'Pair');
  const image = panel(doc, 'lava-image-panel', 'Module as a picture');
  const selection = panel(doc, 'lava-selection-panel', 'Selection');
  const samples = panel(doc, 'lava-samples-panel', 'Samples');
  // Heatmap, picture and pair view sit side by side under the map and wrap on narrow panels.
  const details = doc.createElement('div');
  details.className = 'lava-details';
  details.append(heat.section, image.section, pair.section, selection.section, samples.section);
  root.append(header, map.section, legend.section, details);
  return {
    info,
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
    selection: selection.body,
    samples: samples.body,
  };
}

/** Pixel sizes of the views, from the panel's width. */
export interface Sizes {
  mapW: number;
  mapH: number;
  heat: number;
  pairW: number;
  pairH: number;
}

/** Sizes from the panel's width (given in tests, where jsdom lays nothing out). */
export function viewSizes(root: HTMLElement, slots: Slots, r: LavaResult, width?: number): Sizes {
  const w = width ?? (root.clientWidth || 900);
  const mapW = Math.max(280, Math.round(slots.scatter.clientWidth || Math.min(w - 320, 900)));
  return {
    mapW,
    mapH: Math.round(Math.min(560, Math.max(260, mapW * 0.7))),
    // Many features need room for their cells; a few look best small.
    heat: r.features.length > 20 ? 560 : 380,
    pairW: 320,
    pairH: 280,
  };
}
