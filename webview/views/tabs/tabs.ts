// The detail views as tabs (WAI-ARIA tabs: arrows, Home and End move and choose, one tab in the Tab order). On wide
// panels the heatmap is not a tab: it stays in view above the others.
import { DETAIL_TABS, type DetailTab } from '../../../src/shared/protocol';

export const TAB_LABELS: Record<DetailTab, string> = {
  heatmap: 'Heatmap',
  pair: 'Pair',
  picture: 'Picture',
  samples: 'Samples',
  selection: 'Selection',
};

export interface Tabs {
  root: HTMLElement;
  list: HTMLElement;
  /** Each tab's content element, by name: the views render into these. */
  panels: Record<DetailTab, HTMLElement>;
  buttons: Record<DetailTab, HTMLButtonElement>;
}

/** Builds the tab strip and one empty panel per tab; `choose` is called with the tab a click or key picks. */
export function buildTabs(doc: Document, choose: (tab: DetailTab) => void): Tabs {
  const root = doc.createElement('div');
  root.className = 'lava-details';
  root.dataset.testid = 'tabs';
  const list = doc.createElement('div');
  list.className = 'lava-tablist';
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', 'Details');
  root.append(list);
  const panels = {} as Record<DetailTab, HTMLElement>;
  const buttons = {} as Record<DetailTab, HTMLButtonElement>;
  for (const tab of DETAIL_TABS) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'lava-tab';
    b.id = `lava-tab-${tab}`;
    b.textContent = TAB_LABELS[tab];
    b.dataset.tab = tab;
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-controls', `lava-tabpanel-${tab}`);
    b.addEventListener('click', () => choose(tab));
    const panel = doc.createElement('div');
    panel.className = 'lava-tabpanel';
    panel.id = `lava-tabpanel-${tab}`;
    panel.dataset.tab = tab;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', b.id);
    list.append(b);
    root.append(panel);
    panels[tab] = panel;
    buttons[tab] = b;
  }
  list.addEventListener('keydown', (e) => {
    const shown = DETAIL_TABS.filter((t) => !buttons[t].hidden);
    const at = shown.findIndex((t) => buttons[t] === doc.activeElement);
    if (at < 0) return;
    const to: Record<string, number> = {
      ArrowRight: (at + 1) % shown.length,
      ArrowLeft: (at - 1 + shown.length) % shown.length,
      Home: 0,
      End: shown.length - 1,
    };
    if (!(e.key in to)) return;
    e.preventDefault();
    const next = shown[to[e.key]];
    choose(next);
    buttons[next].focus();
  });
  return { root, list, panels, buttons };
}

/**
 * Which tab's panel shows: the chosen one where it can (the picture only for pixel data; on wide panels the
 * heatmap is always there, so its tab is not offered), else the first offered.
 */
export function shownTab(chosen: DetailTab, offered: readonly DetailTab[]): DetailTab {
  return offered.includes(chosen) ? chosen : offered[0];
}

/** Shows the tab `shown` and hides the rest; `pinned` (the heatmap on wide panels) shows without a tab. */
export function showTabs(tabs: Tabs, offered: readonly DetailTab[], shown: DetailTab, pinned: DetailTab | null): void {
  for (const tab of DETAIL_TABS) {
    const b = tabs.buttons[tab];
    const on = tab === shown;
    b.hidden = !offered.includes(tab);
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
    tabs.panels[tab].hidden = !(on || tab === pinned);
    tabs.panels[tab].classList.toggle('lava-pinned', tab === pinned);
  }
}
