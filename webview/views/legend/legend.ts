// The module legend: one keyboard-reachable entry per module (swatch, thumbnail, name, locality count); selecting one drives the map and heatmap.
import type { ModuleResult } from '../../../src/shared/result/types';
import { categoricalPalette, type Theme } from '../../util/colors';
import type { ImageGrid } from '../../util/imageGrid';
import { imageThumbnail, patternThumbnail } from './thumbnail';
import { decodeFloat32 } from '../../../src/shared/result/codec';
import { activeLocalityCount } from '../../../src/shared/result/active';

export interface LegendProps {
  modules: readonly ModuleResult[];
  featureCount: number;
  selectedModule: number | null;
  theme: Theme;
  /** When the data are images, thumbnails are pictures of the module instead of mini heatmaps. */
  grid?: ImageGrid | null;
  onSelect?: (id: number) => void;
}

/** One colour per module, in legend order (the swatch; used wherever a module needs its own colour). */
export function moduleColors(theme: Theme, count: number): string[] {
  return categoricalPalette(theme, count);
}

export function renderModuleLegend(container: HTMLElement, props: LegendProps): void {
  const doc = container.ownerDocument;
  const hadFocus = container.contains(doc.activeElement);
  container.replaceChildren();
  const root = doc.createElement('div');
  root.className = 'lava-module-legend';
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
  const items: HTMLLIElement[] = props.modules.map((m, k) => {
    const li = doc.createElement('li');
    li.className = 'lava-module-item';
    li.dataset.testid = 'module-item';
    li.dataset.moduleId = String(m.id);
    li.id = `lava-module-${m.id}`;
    li.setAttribute('role', 'option');
    const selected = m.id === props.selectedModule;
    li.setAttribute('aria-selected', String(selected));
    // Roving tabindex: Tab reaches the list once, arrows move inside it.
    li.tabIndex = k === selectedIndex ? 0 : -1;
    li.title = m.pairs
      .slice(0, 5)
      .map((p) => `${p.a} ~ ${p.b}: ${p.r > 0 ? '+' : ''}${p.r.toFixed(3)}`)
      .join('\n');

    const swatch = doc.createElement('span');
    swatch.className = 'lava-swatch';
    swatch.style.background = colors[k];
    const thumb = props.grid
      ? imageThumbnail(doc, props.grid, m.featureWeights, props.theme, m.id)
      : patternThumbnail(doc, decodeFloat32(m.pattern), props.featureCount, props.theme);
    const text = doc.createElement('span');
    text.className = 'lava-module-text';
    const id = doc.createElement('span');
    id.className = 'lava-module-id';
    id.textContent = `M${m.id}`;
    const name = doc.createElement('span');
    name.className = 'lava-module-name';
    name.textContent = m.name;
    text.append(id, name);
    const badge = doc.createElement('vscode-badge');
    badge.setAttribute('variant', 'counter');
    // Counted here with the one definition the pair view colours by, whatever definition wrote the result.
    const active = activeLocalityCount(m.loadings);
    badge.setAttribute('title', `active in ${active} localities (loading at least half its largest)`);
    badge.textContent = String(active);
    li.append(swatch, thumb, text, badge);
    li.addEventListener('click', () => props.onSelect?.(m.id));
    li.addEventListener('keydown', (e) => {
      const at = items.indexOf(li);
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
        props.onSelect?.(m.id);
      }
    });
    return li;
  });
  list.append(...items);
  if (props.selectedModule !== null)
    list.setAttribute('aria-activedescendant', `lava-module-${props.selectedModule}`);
  // A re-render after a keyboard selection must not drop focus out of the list.
  if (hadFocus) items[selectedIndex]?.focus();
}
