// The legend panel's binding: the result's modules, the selected one marked; choosing one selects it.
import type { ViewBinding, ViewContext } from '../binding';
import { featureEmphasis } from '../search/searchPanel';
import { renderModuleLegend } from './legend';

export function legendPanel(ctx: ViewContext): ViewBinding {
  return {
    name: 'legend',
    deps: (s) => [s.result, s.selectedModule, s.search],
    render: (s) =>
      renderModuleLegend(ctx.slots.legend, {
        modules: s.result.modules,
        featureCount: s.result.features.length,
        selectedModule: s.selectedModule,
        theme: ctx.theme(),
        grid: ctx.cache(s.result).grid,
        emphasis: featureEmphasis(s),
        onSelect: (id) => ctx.dispatch({ type: 'selectModule', id }),
      }),
  };
}
