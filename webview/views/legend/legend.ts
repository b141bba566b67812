// The module legend: strong modules first by strength, each a keyboard-reachable entry (swatch, thumbnail, name,
// strength and stability, active-locality count); weak ones folded under "N weak modules". Selecting one drives
// the map and heatmap.
import type { ModuleResult } from '../../../src/shared/result/types';
import type { Theme } from '../../util/colors';
import type { ImageGrid } from '../../util/imageGrid';
import { el } from '../../util/dom';
import { imageThumbnail, patternThumbnail } from './thumbnail';
import { moduleColors } from './moduleColor';
import { activeLocalityCount } from '../../../src/shared/result/active';

export interface LegendProps {
  /** Strongest first, as the result orders them. */
  modules: readonly ModuleResult[];
  featureCount: number;
  selectedModule: number | null;
  theme: Theme;
  /** When the data are images, thumbnails are pictures of the module instead of mini heatmaps. */
  grid?: ImageGrid | null;
  /** A searched feature's share in each module (id -> 0..1): modules holding it stand out, the rest fade. */
  emphasis?: Map<number, number> | null;
  onSelect?: (id: number) => void;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** What the two bars and the numbers mean, said where they are shown. */
export function trustTooltip(m: ModuleResult): string {
  return [
    `M${m.id} is ${m.strong ? 'strong' : 'weak'}: ${m.strong ? 'stable and significant' : 'not both stable and significant'}.`,
    `strength ${pct(m.strength)}: its share of what all modules reconstruct of the correlations (the shares sum to 100%).`,
    `stability ${m.stability.toFixed(2)}: how closely it is found again when half the localities are left out (1 = the same every time).`,
    `p = ${m.significance.toFixed(2)}: how often rows shuffled over the map show its pattern as tied to its places (small = real).`,
    `r = ${m.rWhereActive.toFixed(2)} where active: its pairs' correlation, averaged over its active localities.`,
  ].join('\n');
}

/** Two small bars (strength, stability) and their numbers. */
function trustBars(doc: Document, m: ModuleResult): HTMLElement {
  const box = el(doc, 'span', undefined, 'lava-trust');
  box.title = trustTooltip(m);
  box.dataset.testid = 'module-trust';
  const bar = (measure: string, value: number, label: string) => {
    const outer = el(doc, 'span', undefined, 'lava-bar');
    outer.dataset.measure = measure;
    outer.setAttribute('role', 'meter');
    outer.setAttribute('aria-label', label);
    outer.setAttribute('aria-valuemin', '0');
    outer.setAttribute('aria-valuemax', '1');
    outer.setAttribute('aria-valuenow', String(value));
    const fill = el(doc, 'span', undefined, 'lava-bar-fill');
    fill.style.width = pct(Math.max(0, Math.min(1, value)));
    outer.append(fill);
    return outer;
  };
  box.append(
    bar('strength', m.strength, 'strength'),
    bar('stability', m.stability, 'stability'),
    el(doc, 'span', `${pct(m.strength)} · ${m.stability.toFixed(2)}`, 'lava-trust-numbers'),
  );
  return box;
}

function legendItem(doc: Document, m: ModuleResult, color: string, props: LegendProps): HTMLLIElement {
  const li = el(doc, 'li', undefined, 'lava-module-item');
  li.dataset.testid = 'module-item';
  li.dataset.moduleId = String(m.id);
  li.dataset.strong = String(m.strong);
  li.id = `lava-module-${m.id}`;
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', String(m.id === props.selectedModule));
  li.tabIndex = -1;
  li.title = m.pairs
    .slice(0, 5)
    .map((p) => `${p.a} ~ ${p.b}: r = ${p.r.toFixed(2)} where active (weight ${p.weight.toPrecision(3)})`)
    .join('\n');
  const swatch = el(doc, 'span', undefined, 'lava-swatch');
  swatch.style.background = color;
  const thumb = props.grid
    ? imageThumbnail(doc, props.grid, m.featureWeights, props.theme, m.id)
    : patternThumbnail(doc, m.pattern, props.featureCount, props.theme);
  const text = el(doc, 'span', undefined, 'lava-module-text');
  text.append(el(doc, 'span', `M${m.id}`, 'lava-module-id'), el(doc, 'span', m.name, 'lava-module-name'));
  const badge = doc.createElement('vscode-badge');
  badge.setAttribute('variant', 'counter');
  // Counted here with the one definition the pair view colours by, whatever definition wrote the result.
  const active = activeLocalityCount(m.loadings);
  badge.setAttribute('title', `active in ${active} localities (loading at least half its largest)`);
  badge.textContent = String(active);
  li.append(swatch, thumb, text, trustBars(doc, m), badge);
  const share = props.emphasis?.get(m.id);
  if (share !== undefined) {
    li.dataset.searchWeight = share.toFixed(3);
    li.classList.toggle('lava-search-hit', share > 0);
    li.classList.toggle('lava-search-miss', share === 0);
    li.style.setProperty('--lava-search-weight', share.toFixed(3));
  }
  li.addEventListener('click', () => props.onSelect?.(m.id));
  return li;
}

/**
 * Roving tabindex over the entries shown (the weak ones only while unfolded): Tab reaches the list once,
 * arrows, Home and End move inside it, Enter or Space select.
 */
function keyboard(all: HTMLLIElement[], shown: () => HTMLLIElement[], select: (li: HTMLLIElement) => void): void {
  for (const li of all)
    li.addEventListener('keydown', (e) => {
      const items = shown();
      const at = items.indexOf(li);
      const to: Record<string, number> = {
        ArrowDown: Math.min(items.length - 1, at + 1),
        ArrowUp: Math.max(0, at - 1),
        Home: 0,
        End: items.length - 1,
      };
      if (e.key in to && at >= 0) {
        e.preventDefault();
        const next = items[to[e.key]];
        for (const it of all) it.tabIndex = it === next ? 0 : -1;
        next.focus();
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(li);
      }
    });
}

function list(doc: Document, label: string, items: HTMLLIElement[]): HTMLUListElement {
  const ul = doc.createElement('ul');
  ul.setAttribute('role', 'listbox');
  ul.setAttribute('aria-label', label);
  ul.append(...items);
  return ul;
}

/** The weak modules under a closed <details> (a native, keyboard-operable disclosure). */
function weakFold(doc: Document, items: HTMLLIElement[], open: boolean): HTMLDetailsElement {
  const fold = el(doc, 'details', undefined, 'lava-weak-modules');
  fold.dataset.testid = 'weak-modules';
  fold.open = open;
  const n = items.length;
  const summary = el(doc, 'summary', `${n} weak module${n === 1 ? '' : 's'}`);
  summary.title = 'Modules that are not both stable and significant: leftovers of the fit, or not tied to places on the map.';
  fold.append(summary, list(doc, 'Weak modules', items));
  return fold;
}

export function renderModuleLegend(container: HTMLElement, props: LegendProps): void {
  const doc = container.ownerDocument;
  const hadFocus = container.contains(doc.activeElement);
  // The fold stays as the user left it across re-renders (selecting a module re-renders the legend).
  const wasOpen = container.querySelector<HTMLDetailsElement>('[data-testid="weak-modules"]')?.open ?? false;
  const root = el(doc, 'div', undefined, 'lava-module-legend');
  root.dataset.testid = 'module-legend';
  const colors = moduleColors(props.theme, props.modules.length);
  const all = props.modules.map((m, k) => legendItem(doc, m, colors[k], props));
  const strong = all.filter((li) => li.dataset.strong === 'true');
  const weak = all.filter((li) => li.dataset.strong !== 'true');
  const selected = all.find((li) => li.dataset.moduleId === String(props.selectedModule)) ?? null;
  root.append(list(doc, 'Strong modules', strong));
  if (strong.length === 0) root.append(el(doc, 'div', 'No strong module: none is both stable and significant.', 'lava-muted'));
  // Nothing to hide them behind when no module is strong; and a selected weak module is shown, not hidden.
  const fold = weak.length ? weakFold(doc, weak, wasOpen || strong.length === 0 || (selected !== null && weak.includes(selected))) : null;
  if (fold) root.append(fold);
  const shown = () => (fold?.open ? [...strong, ...weak] : strong);
  const tabStop = selected && shown().includes(selected) ? selected : shown()[0];
  if (tabStop) tabStop.tabIndex = 0;
  keyboard(all, shown, (li) => props.onSelect?.(Number(li.dataset.moduleId)));
  if (selected) selected.parentElement?.setAttribute('aria-activedescendant', selected.id);
  container.replaceChildren(root);
  // A re-render after a keyboard selection must not drop focus out of the list.
  if (hadFocus) tabStop?.focus();
}
