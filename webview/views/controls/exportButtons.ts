// PNG and SVG buttons in a panel's title bar: the view's own rendering goes to the host, which saves it.
import type { ViewContext } from '../binding';
import { button } from './button';

export function exportButtons(ctx: ViewContext, bar: HTMLElement, view: string, slot: HTMLElement): void {
  for (const format of ['png', 'svg'] as const)
    bar.append(
      button(ctx.doc, format.toUpperCase(), () => ctx.exportView(view, slot, format), {
        secondary: true,
        title: `Export the ${view} as ${format.toUpperCase()}`,
      }),
    );
}
