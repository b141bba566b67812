// The map's colour key: swatches for a categorical column, a ramp with its range for numbers and activity.
import type { ColorLegendSpec } from '../../util/pointColors';

function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}

export function renderColorLegend(container: HTMLElement, spec: ColorLegendSpec): void {
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = doc.createElement('div');
  root.className = 'lava-color-legend';
  root.dataset.testid = 'color-legend';
  container.append(root);
  if (spec.kind === 'none') return;
  const title = doc.createElement('div');
  title.className = 'lava-color-legend-title';
  title.textContent = spec.title;
  root.append(title);
  if (spec.kind === 'categorical') {
    const list = doc.createElement('ul');
    list.className = 'lava-swatches';
    for (const e of spec.entries) {
      const li = doc.createElement('li');
      const sw = doc.createElement('span');
      sw.className = 'lava-swatch';
      sw.style.background = e.color;
      const label = doc.createElement('span');
      label.textContent = e.label;
      li.title = `${e.label}: ${e.count} rows`;
      li.append(sw, label);
      list.append(li);
    }
    root.append(list);
    return;
  }
  const ramp = doc.createElement('div');
  ramp.className = 'lava-ramp';
  const w = 120;
  const svgNS = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(svgNS, 'svg');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', '10');
  const step = w / spec.palette.length;
  spec.palette.forEach((c, k) => {
    const rect = doc.createElementNS(svgNS, 'rect');
    rect.setAttribute('x', String(Math.round(k * step * 100) / 100));
    rect.setAttribute('width', String(Math.ceil(step)));
    rect.setAttribute('height', '10');
    rect.setAttribute('fill', c);
    svg.append(rect);
  });
  const lo = doc.createElement('span');
  lo.textContent = formatNumber(spec.min);
  const hi = doc.createElement('span');
  hi.textContent = formatNumber(spec.max);
  ramp.append(lo, svg, hi);
  root.append(ramp);
}
