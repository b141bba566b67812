// The compare panel's markup: a header with the two files and the colour and tool choices, the two maps side by
// side (stacked when narrow), and the lists of matched pairs, modules only in A and only in B.
import type { Comparison, MatchedPair } from '../../../src/shared/compare/types';
import type { LavaResult } from '../../../src/shared/result/types';

export interface CompareSlots {
  root: HTMLElement;
  colorBy: HTMLSelectElement;
  tool: HTMLSelectElement;
  mapA: HTMLElement;
  mapB: HTMLElement;
  legendA: HTMLElement;
  legendB: HTMLElement;
  matches: HTMLButtonElement[];
}

export interface CompareData {
  comparison: Comparison;
  a: LavaResult;
  b: LavaResult;
  /** File names as shown (A's and B's). */
  names: [string, string];
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function select(doc: Document, label: string, options: [string, string][]): { wrap: HTMLElement; sel: HTMLSelectElement } {
  const wrap = el(doc, 'label', 'lava-compare-choice', `${label} `);
  const sel = el(doc, 'select', '');
  for (const [value, text] of options) {
    const o = el(doc, 'option', '', text);
    o.value = value;
    sel.append(o);
  }
  wrap.append(sel);
  return { wrap, sel };
}

const moduleName = (r: LavaResult, id: number) => {
  const m = r.modules.find((x) => x.id === id);
  return `M${id}${m ? ` ${m.name}` : ''}`;
};

function header(doc: Document, d: CompareData): HTMLElement {
  const c = d.comparison;
  const h = el(doc, 'header', 'lava-compare-header');
  h.append(el(doc, 'h1', '', `${d.names[0]}  vs  ${d.names[1]}`));
  const s = c.neighbourhood.summary;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  h.append(
    el(
      doc,
      'p',
      'lava-compare-summary',
      `${c.a.rows} rows. ${c.matched.length} matched (cosine >= ${c.threshold}), ${c.onlyA.length} only in A, ` +
        `${c.onlyB.length} only in B. Neighbourhoods kept (k = ${c.neighbourhood.k}): ${pct(s.mean)} on average, ` +
        `quartiles ${pct(s.q1)} / ${pct(s.median)} / ${pct(s.q3)}.` +
        (c.notes.length ? ` Notes: ${c.notes.join('; ')}.` : ''),
    ),
  );
  return h;
}

function mapFigure(doc: Document, side: 'a' | 'b', name: string): { fig: HTMLElement; map: HTMLElement; legend: HTMLElement } {
  const fig = el(doc, 'figure', 'lava-compare-map');
  fig.dataset.testid = `compare-map-${side}`;
  fig.append(el(doc, 'figcaption', '', `${side.toUpperCase()}: ${name}`));
  const map = el(doc, 'div', 'lava-compare-scatter');
  const legend = el(doc, 'div', 'lava-compare-legend');
  fig.append(map, legend);
  return { fig, map, legend };
}

function matchButton(doc: Document, d: CompareData, p: MatchedPair): HTMLButtonElement {
  const b = el(doc, 'button', 'lava-compare-match');
  b.type = 'button';
  b.dataset.testid = 'compare-match';
  b.dataset.a = String(p.a);
  b.dataset.b = String(p.b);
  b.dataset.cosine = String(p.cosine);
  b.setAttribute('aria-pressed', 'false');
  b.append(
    el(doc, 'span', 'lava-compare-names', `${moduleName(d.a, p.a)}  ↔  ${moduleName(d.b, p.b)}`),
    el(doc, 'span', 'lava-compare-cosine', p.cosine.toFixed(2)),
  );
  b.title = `Colour both maps by these modules' activity (pattern cosine ${p.cosine.toFixed(3)})`;
  return b;
}

function onlyList(doc: Document, title: string, testid: string, r: LavaResult, ids: number[], strong: number[] = []): HTMLElement {
  const sec = el(doc, 'section', 'lava-compare-list');
  sec.append(el(doc, 'h2', '', `${title} (${ids.length})`));
  const ul = el(doc, 'ul', '');
  for (const id of ids) {
    const li = el(doc, 'li', '', moduleName(r, id) + (strong.includes(id) ? ' (strong)' : ''));
    li.dataset.testid = testid;
    li.dataset.module = String(id);
    ul.append(li);
  }
  if (ids.length === 0) ul.append(el(doc, 'li', 'lava-compare-none', 'none'));
  sec.append(ul);
  return sec;
}

export function buildCompareView(container: HTMLElement, d: CompareData): CompareSlots {
  const doc = container.ownerDocument;
  const root = el(doc, 'div', 'lava-compare');
  root.dataset.testid = 'compare-root';
  const colorBy = select(doc, 'Colour', [
    ['none', 'plain'],
    ['kept', 'neighbourhood kept'],
    ['pair', 'matched pair activity'],
  ]);
  const tool = select(doc, 'Drag', [
    ['pan', 'pans'],
    ['lasso', 'lasso-selects'],
    ['box', 'box-selects'],
  ]);
  const bar = el(doc, 'div', 'lava-compare-bar');
  bar.append(colorBy.wrap, tool.wrap);
  const a = mapFigure(doc, 'a', d.names[0]);
  const b = mapFigure(doc, 'b', d.names[1]);
  const maps = el(doc, 'div', 'lava-compare-maps');
  maps.append(a.fig, b.fig);
  const matched = el(doc, 'section', 'lava-compare-list');
  matched.append(el(doc, 'h2', '', `Matched (${d.comparison.matched.length})`));
  const ul = el(doc, 'ul', '');
  const matches = d.comparison.matched.map((p) => matchButton(doc, d, p));
  for (const m of matches) {
    const li = el(doc, 'li', '');
    li.append(m);
    ul.append(li);
  }
  matched.append(ul);
  const lists = el(doc, 'div', 'lava-compare-lists');
  lists.append(
    matched,
    onlyList(doc, 'Only in A', 'compare-only-a', d.a, d.comparison.onlyA, d.comparison.a.strongIds),
    onlyList(doc, 'Only in B', 'compare-only-b', d.b, d.comparison.onlyB, d.comparison.b.strongIds),
  );
  root.append(header(doc, d), bar, maps, lists);
  container.replaceChildren(root);
  return { root, colorBy: colorBy.sel, tool: tool.sel, mapA: a.map, mapB: b.map, legendA: a.legend, legendB: b.legend, matches };
}
