// The picture panel's binding: for pixel data, the selected module's feature weights drawn on the pixel grid.
import { selectedModule } from '../../store/selectors';
import type { ViewBinding, ViewContext } from '../binding';
import { exportButtons } from '../controls/exportButtons';
import { renderModuleImage } from './imageView';

export function imagePanel(ctx: ViewContext): ViewBinding {
  const { slots } = ctx;
  exportButtons(ctx, slots.imageBar, 'module-image', slots.image);
  return {
    name: 'image',
    deps: (s) => [s.result, s.selectedModule],
    render: (s) => {
      const grid = ctx.cache(s.result).grid;
      const m = selectedModule(s);
      slots.imagePanel.hidden = !(grid && m);
      if (grid && m)
        renderModuleImage(slots.image, { grid, weights: m.featureWeights, theme: ctx.theme(), size: 200, moduleId: m.id });
      else slots.image.replaceChildren();
    },
  };
}
