// PNG and SVG buttons in a panel's title bar: the view's own rendering goes to the host, which saves it.
import type { ViewContext } from '../binding';
import type { ExportDecor } from '../../util/exportDecor';
import { button } from './button';

/** `decor` gives the file's title and legend at the time of the click (what the view shows then). */
export function exportButtons(
  ctx: ViewContext,
  bar: HTMLElement,
  view: string,
  slot: HTMLElement,
  decor?: () => ExportDecor,
): void {
  // PNG and SVG as one group: a bar that wraps moves both to the next row, never one of them alone.
  const group = ctx.doc.createElement('span');
  group.className = 'lava-export';
  for (const format of ['png', 'svg'] as const)
    group.append(
      button(ctx.doc, format.toUpperCase(), () => ctx.exportView(view, slot, format, decor?.()), {
        secondary: true,
        title: `Export the ${view} as ${format.toUpperCase()}`,
      }),
    );
  bar.append(group);
}
