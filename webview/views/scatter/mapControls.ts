// The map's title-bar controls: what colours the points, whether every probe is shown, what a drag does (pan,
// lasso, box) and the way back to the whole map.
import type { LavaResult } from '../../../src/shared/result/types';
import { COLOR_BY_FEATURE, COLOR_BY_MODULE, COLOR_BY_MODULE_OWN, type ExplorerState, type MapTool } from '../../store/state';
import { isCategoricalNumeric } from '../../util/pointColors';
import type { ViewBinding, ViewContext } from '../binding';
import { button } from '../controls/button';
import { resetZoom } from './scatter';

function colorOptions(r: LavaResult, s: ExplorerState): [string, string][] {
  return [
    ...r.metadata.map((col): [string, string] => [
      col.name,
      `${col.name} (${col.kind === 'text' || isCategoricalNumeric(col.values) ? 'category' : 'number'})`,
    ]),
    [COLOR_BY_MODULE, 'selected module activity (one scale for all modules)'],
    [COLOR_BY_MODULE_OWN, 'selected module activity (its own scale)'],
    ...(s.search?.kind === 'feature' ? [[COLOR_BY_FEATURE, `${s.search.feature} (searched feature)`] as [string, string]] : []),
    ['', 'nothing'],
  ];
}

const TOOLS: [MapTool, string, string][] = [
  ['pan', 'Pan', 'Drag pans the map'],
  ['lasso', 'Lasso', 'Drag draws a lasso around rows to select (Shift adds, Alt removes, Escape clears)'],
  ['box', 'Box', 'Drag draws a box around rows to select (Shift adds, Alt removes, Escape clears)'],
];

/** Pan, Lasso, Box as one radio group: arrows move between them, the checked one is the drag's tool. */
function toolGroup(ctx: ViewContext): { root: HTMLElement; set(tool: MapTool): void } {
  const { doc } = ctx;
  const root = doc.createElement('div');
  root.className = 'lava-tools';
  root.setAttribute('role', 'radiogroup');
  root.setAttribute('aria-label', 'What a drag on the map does');
  const items = TOOLS.map(([tool, label, title]) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'lava-tool';
    b.dataset.tool = tool;
    b.textContent = label;
    b.title = title;
    b.setAttribute('role', 'radio');
    b.addEventListener('click', () => ctx.dispatch({ type: 'mapTool', tool }));
    return b;
  });
  root.addEventListener('keydown', (e) => {
    const at = items.findIndex((b) => b === doc.activeElement);
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (at < 0 || step === 0) return;
    e.preventDefault();
    const next = items[(at + step + items.length) % items.length];
    next.focus();
    next.click();
  });
  root.append(...items);
  return {
    root,
    set: (tool) =>
      items.forEach((b) => {
        const on = b.dataset.tool === tool;
        b.setAttribute('aria-checked', String(on));
        b.tabIndex = on ? 0 : -1;
      }),
  };
}

export function mapControls(ctx: ViewContext): ViewBinding {
  const { doc } = ctx;
  const select = doc.createElement('select');
  select.className = 'lava-select';
  select.setAttribute('aria-label', 'Colour the map by');
  select.addEventListener('change', () => ctx.dispatch({ type: 'colorBy', value: select.value || null }));
  const probes = doc.createElement('input');
  probes.type = 'checkbox';
  probes.addEventListener('change', () => ctx.dispatch({ type: 'toggleProbes', show: probes.checked }));
  const probesLabel = doc.createElement('label');
  probesLabel.className = 'lava-check';
  probesLabel.append(probes, doc.createTextNode('Probes'));
  const colorLabel = doc.createElement('label');
  colorLabel.className = 'lava-color-by';
  colorLabel.append(doc.createTextNode('Colour by '), select);
  const tools = toolGroup(ctx);
  const reset = button(doc, 'Reset', () => resetZoom(ctx.slots.scatter), {
    secondary: true,
    icon: 'screen-normal',
    title: 'Show the whole map again (or double-click empty space; 0 on the focused map)',
  });
  reset.dataset.testid = 'reset-zoom';
  ctx.slots.mapBar.append(colorLabel, probesLabel, tools.root, reset);
  return {
    name: 'mapControls',
    deps: (s) => [s.result, s.colorBy, s.showProbes, s.mapTool, s.search],
    render: (s) => {
      const options = colorOptions(s.result, s).map(([value, textContent]) =>
        Object.assign(doc.createElement('option'), { value, textContent }),
      );
      select.replaceChildren(...options);
      select.value = s.colorBy ?? '';
      probes.checked = s.showProbes;
      tools.set(s.mapTool);
    },
  };
}
