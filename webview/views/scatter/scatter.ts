// The embedding map: every row as a point, SVG when few (testable, crisp) and canvas when many; both renderers
// share one hit-test, tooltip and zoom.
import { buildScene, type SceneInput } from './geometry';
import { canvasRenderer } from './canvasRenderer';
import { hitTester, type ScatterClick } from './hitTest';
import { svgRenderer } from './svgRenderer';
import { createTooltip, type TooltipContent } from './tooltip';
import { attachZoom } from './zoom';

export { layoutPoints } from './geometry';
export type { ScatterClick } from './hitTest';
export type { TooltipContent } from './tooltip';

export const SVG_MAX_POINTS = 3000;

export interface ScatterProps extends SceneInput {
  mode?: 'auto' | 'svg' | 'canvas';
  tooltip?: (row: number) => TooltipContent;
  onClick?: (hit: ScatterClick) => void;
  label?: string;
}

export function renderScatter(container: HTMLElement, props: ScatterProps): void {
  const { count } = props;
  const mode =
    props.mode === 'svg' || props.mode === 'canvas' ? props.mode : count < SVG_MAX_POINTS ? 'svg' : 'canvas';
  container.replaceChildren();
  const root = container.ownerDocument.createElement('div');
  root.className = 'lava-scatter';
  root.dataset.testid = 'scatter';
  root.dataset.pointCount = String(count);
  root.dataset.mode = mode;
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', props.label ?? `Embedding map of ${count} rows`);
  container.append(root);

  const scene = buildScene(props);
  const renderer = (mode === 'svg' ? svgRenderer : canvasRenderer)(root, scene);
  const hit = hitTester(scene);
  const tooltip = createTooltip(root, props.width, props.height);
  const transform = attachZoom(renderer.surface, container, props.coords, (t) => {
    tooltip.hide();
    renderer.draw(t);
  });

  const surface = renderer.surface;
  const pos = (e: MouseEvent): [number, number] => {
    const b = surface.getBoundingClientRect();
    return [e.clientX - b.left, e.clientY - b.top];
  };
  surface.addEventListener('mousemove', (e) => {
    const [mx, my] = pos(e as MouseEvent);
    const { row } = hit(mx, my, transform());
    if (row === null || !props.tooltip) tooltip.hide();
    else tooltip.show(mx, my, props.tooltip(row));
  });
  surface.addEventListener('mouseleave', () => tooltip.hide());
  surface.addEventListener('click', (e) => {
    const h = hit(...pos(e as MouseEvent), transform());
    if (h.row !== null || h.probe !== null) props.onClick?.(h);
  });
  renderer.draw(transform());
}
