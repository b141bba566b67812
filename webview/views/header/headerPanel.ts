// The header's binding: shown before any result too (progress, errors), with the toolbar's notes to the host.
import type { ViewBinding, ViewContext } from '../binding';
import { buildToolbar, type ToolbarActions } from '../controls/toolbar';
import { renderHeader } from './header';

/** `actions` null: a read-only explorer (the standalone report), without the toolbar's buttons. */
export function headerPanel(ctx: ViewContext, actions: ToolbarActions | null): ViewBinding {
  if (actions) buildToolbar(ctx.doc, ctx.slots.toolbar, actions);
  return {
    name: 'header',
    withoutResult: true,
    deps: (s) => [s.result, s.appliedFrom, s.running, s.error],
    render: (s) => renderHeader(ctx.slots.info, s),
  };
}
