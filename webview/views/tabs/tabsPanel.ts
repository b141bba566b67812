// The tabs' binding: which detail tabs are offered (the picture only for pixel data; the heatmap not on wide panels,
// where it stays in view) and which one shows; the choice goes to the state, which persists it.
import type { DetailTab } from '../../../src/shared/protocol';
import { DETAIL_TABS } from '../../../src/shared/protocol';
import type { ExplorerState } from '../../store/state';
import type { ViewBinding, ViewContext } from '../binding';
import { layoutMode } from '../layout';
import { showTabs, shownTab, type Tabs } from './tabs';

/** What the pinned heatmap shows: a change of it is a request to see it. */
const heatmapKey = (s: ExplorerState) =>
  s.heatmapOf === 'module' ? `m${s.selectedModule}` : `l${s.selectedLocality}`;

export function tabsPanel(ctx: ViewContext, width: () => number): ViewBinding {
  let last: { tab: DetailTab; heatmap: string } | null = null;
  return {
    name: 'tabs',
    deps: (s) => [s.tab, layoutMode(width()), ctx.cache(s.result).grid !== null, heatmapKey(s)],
    render: (s) => {
      const wide = layoutMode(width()) === 'wide';
      const pixels = ctx.cache(s.result).grid !== null;
      const offered = DETAIL_TABS.filter(
        (t: DetailTab) => !(wide && t === 'heatmap') && (t !== 'picture' || pixels),
      );
      const now = { tab: shownTab(s.tab, offered), heatmap: heatmapKey(s) };
      showTabs(ctx.slots.tabs, offered, now.tab, wide ? 'heatmap' : null);
      if (wide && last) scrollColumn(ctx.slots.tabs, last, now);
      last = now;
    },
  };
}

/**
 * On a wide panel the tabs sit below the pinned heatmap in a column that scrolls on its own (styles.css), so the
 * map stays in view: a new selection scrolls to its tab, a new heatmap (a module, a clicked locality) to the top.
 */
function scrollColumn(
  tabs: Tabs,
  was: { tab: DetailTab; heatmap: string },
  now: { tab: DetailTab; heatmap: string },
) {
  const column = tabs.root;
  if (now.heatmap !== was.heatmap) column.scrollTop = 0;
  else if (now.tab === 'selection' && was.tab !== 'selection') {
    // After this render: the panel fills in the same dispatch, and until it has the column cannot scroll that far.
    const to = () =>
      (column.scrollTop += tabs.list.getBoundingClientRect().top - column.getBoundingClientRect().top);
    const win = column.ownerDocument.defaultView;
    if (win?.requestAnimationFrame) win.requestAnimationFrame(to);
    else to();
  }
}
