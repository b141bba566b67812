// The module legend: one keyboard-reachable entry per module (swatch, thumbnail, name, active-locality count);
// selecting one drives the map and heatmap.
import type { ModuleResult } from '../../../src/shared/result/types';
import type { Theme } from '../../util/colors';
import type { ImageGrid } from '../../util/imageGrid';
import { el } from '../../util/dom';
import { imageThumbnail, patternThumbnail } from './thumbnail';
import { moduleColors } from './moduleColor';
import { activeLocalityCount } from '../../../src/shared/result/active';

export interface LegendProps {
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

function legendItem(doc: Document, m: ModuleResult, color: string, tabbable: boolean, props: LegendProps): HTMLLIElement {
  const li = el(doc, 'li', undefined, 'lava-module-item');
  li.dataset.testid = 'module-item';
  li.dataset.moduleId = String(m.id);
  li.id = `lava-module-${m.id}`;
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', String(m.id === props.selectedModule));
  li.tabIndex = tabbable ? 0 : -1;
  li.title = m.pairs
    .slice(0, 5)
    .map((p) => `${p.a} ~ ${p.b}: ${p.r > 0 ? '+' : ''}${p.r.toFixed(3)}`)
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
  li.append(swatch, thumb, text, badge);
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

/** Roving tabindex: Tab reaches the list once, arrows, Home and End move inside it, Enter or Space select. */
function keyboard(items: HTMLLIElement[], select: (k: number) => void): void {
  items.forEach((li, at) =>
    li.addEventListener('keydown', (e) => {
      const to: Record<string, number> = {
        ArrowDown: Math.min(items.length - 1, at + 1),
        ArrowUp: Math.max(0, at - 1),
        Home: 0,
        End: items.length - 1,
      };
      if (e.key in to) {
        e.preventDefault();
        const next = items[to[e.key]];
        for (const it of items) it.tabIndex = it === next ? 0 : -1;
        next.focus();
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(at);
      }
    }),
  );
}

export function renderModuleLegend(container: HTMLElement, props: LegendProps): void {
  const doc = container.ownerDocument;
  const hadFocus = container.contains(doc.activeElement);
  container.replaceChildren();
  const root = el(doc, 'div', undefined, 'lava-module-legend');
  root.dataset.testid = 'module-legend';
  const list = doc.createElement('ul');
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Modules');
  root.append(list);
  container.append(root);

  const colors = moduleColors(props.theme, props.modules.length);
  const selectedIndex = Math.max(
    0,
    props.modules.findIndex((m) => m.id === props.selectedModule),
  );
  const items = props.modules.map((m, k) => legendItem(doc, m, colors[k], k === selectedIndex, props));
  keyboard(items, (k) => props.onSelect?.(props.modules[k].id));
  list.append(...items);
  if (props.selectedModule !== null) list.setAttribute('aria-activedescendant', `lava-module-${props.selectedModule}`);
  // A re-render after a keyboard selection must not drop focus out of the list.
  if (hadFocus) items[selectedIndex]?.focus();
}
