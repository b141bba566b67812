// The tabs' binding: which detail tabs are offered (the picture only for pixel data; the heatmap not on wide panels,
// where it stays in view) and which one shows; the choice goes to the state, which persists it.
import type { DetailTab } from '../../../src/shared/protocol';
import { DETAIL_TABS } from '../../../src/shared/protocol';
import type { ViewBinding, ViewContext } from '../binding';
import { layoutMode } from '../layout';
import { showTabs, shownTab } from './tabs';

export function tabsPanel(ctx: ViewContext, width: () => number): ViewBinding {
  return {
    name: 'tabs',
    deps: (s) => [s.tab, layoutMode(width()), ctx.cache(s.result).grid !== null],
    render: (s) => {
      const wide = layoutMode(width()) === 'wide';
      const pixels = ctx.cache(s.result).grid !== null;
      const offered = DETAIL_TABS.filter(
        (t: DetailTab) => !(wide && t === 'heatmap') && (t !== 'picture' || pixels),
      );
      showTabs(ctx.slots.tabs, offered, shownTab(s.tab, offered), wide ? 'heatmap' : null);
    },
  };
}
