// The map's title-bar controls: what colours the points, and whether every probe is shown.
import type { LavaResult } from '../../../src/shared/result/types';
import { COLOR_BY_MODULE, COLOR_BY_MODULE_OWN } from '../../store/state';
import { isCategoricalNumeric } from '../../util/pointColors';
import type { ViewBinding, ViewContext } from '../binding';

function colorOptions(r: LavaResult): [string, string][] {
  return [
    ...r.metadata.map((col): [string, string] => [
      col.name,
      `${col.name} (${col.kind === 'text' || isCategoricalNumeric(col.values) ? 'category' : 'number'})`,
    ]),
    [COLOR_BY_MODULE, 'selected module activity (one scale for all modules)'],
    [COLOR_BY_MODULE_OWN, 'selected module activity (its own scale)'],
    ['', 'nothing'],
  ];
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
  ctx.slots.mapBar.append(colorLabel, probesLabel);
  return {
    name: 'mapControls',
    deps: (s) => [s.result, s.colorBy, s.showProbes],
    render: (s) => {
      const options = colorOptions(s.result).map(([value, textContent]) =>
        Object.assign(doc.createElement('option'), { value, textContent }),
      );
      select.replaceChildren(...options);
      select.value = s.colorBy ?? '';
      probes.checked = s.showProbes;
    },
  };
}
