// The embedding map: every row as a point, SVG when few (testable, crisp) and canvas when many; both renderers
// share one spatial index for hover, click, lasso, box and keyboard focus, one tooltip and one zoom.
import type { ZoomTransform } from 'd3';
import type { MapTool, SelectMode } from '../../store/state';
import { buildScene, type SceneInput, type ScatterScene } from './geometry';
import { canvasRenderer } from './canvasRenderer';
import { hitTester, type ScatterClick } from './hitTest';
import { attachKeyboard, KEYBOARD_HELP, type MapKeyboard } from './keyboard';
import { attachSelectDrag } from './selectDrag';
import { svgRenderer } from './svgRenderer';
import { createTooltip, type TooltipContent } from './tooltip';
import { attachZoom, type ZoomControl } from './zoom';

export { layoutPoints } from './geometry';
export type { ScatterClick } from './hitTest';
export type { TooltipContent } from './tooltip';

export const SVG_MAX_POINTS = 3000;

export interface ScatterProps extends SceneInput {
  mode?: 'auto' | 'svg' | 'canvas';
  tooltip?: (row: number) => TooltipContent;
  onClick?: (hit: ScatterClick) => void;
  label?: string;
  /** What a drag does (pan when not given). */
  tool?: MapTool;
  onSelect?: (rows: Int32Array, mode: SelectMode) => void;
  onClearSelection?: () => void;
  /** The row under the pointer, null when it leaves every point (linked maps highlight the same row). */
  onHover?: (row: number | null) => void;
}

/** What one render leaves for the next on the same container: its zoom handle and the keyboard's point. */
const live = new WeakMap<HTMLElement, { zoom: ZoomControl; focused: number | null }>();

/** Back to the whole map (the map bar's button). */
export function resetZoom(container: HTMLElement): void {
  live.get(container)?.zoom.reset();
}

/** The affine map from embedding coordinates to surface pixels at zoom t, for tests and the E2E lasso. */
function viewAttribute(scene: ScatterScene, t: ZoomTransform): string {
  const [ax, ay] = scene.toScreen(0, 0);
  const [bx, by] = scene.toScreen(1, 1);
  return [t.applyX(ax), t.k * (bx - ax), t.applyY(ay), t.k * (by - ay)].map((v) => Math.round(v * 1e4) / 1e4).join(' ');
}

function mapRoot(container: HTMLElement, props: ScatterProps, mode: string): HTMLElement {
  const root = container.ownerDocument.createElement('div');
  root.className = 'lava-scatter';
  root.dataset.testid = 'scatter';
  root.dataset.pointCount = String(props.count);
  root.dataset.mode = mode;
  let selected = 0;
  if (props.selected) for (let i = 0; i < props.selected.length; i++) selected += props.selected[i];
  root.dataset.selectedCount = String(selected);
  root.dataset.tool = props.tool ?? 'pan';
  // A group, not an image: its surface takes focus and keys.
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', props.label ?? `Embedding map of ${props.count} rows`);
  return root;
}

export function renderScatter(container: HTMLElement, props: ScatterProps): void {
  const { count } = props;
  const mode =
    props.mode === 'svg' || props.mode === 'canvas' ? props.mode : count < SVG_MAX_POINTS ? 'svg' : 'canvas';
  const hadFocus = container.contains(container.ownerDocument.activeElement);
  const root = mapRoot(container, props, mode);
  container.replaceChildren(root);

  const scene = buildScene(props);
  const renderer = (mode === 'svg' ? svgRenderer : canvasRenderer)(root, scene);
  const surface = renderer.surface as HTMLElement;
  surface.setAttribute('tabindex', '0');
  surface.setAttribute('aria-label', `Embedding map. ${KEYBOARD_HELP}`);
  const overlay = root.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'svg');
  overlay.setAttribute('class', 'lava-map-overlay');
  overlay.setAttribute('width', String(props.width));
  overlay.setAttribute('height', String(props.height));
  root.append(overlay);
  const hit = hitTester(scene);
  const tooltip = createTooltip(root, props.width, props.height);
  const tool = () => props.tool ?? 'pan';
  const focused = live.get(container)?.focused ?? null;
  let keyboard: MapKeyboard | null = null;
  const zoom = attachZoom(
    surface,
    container,
    props.coords,
    (t) => {
      tooltip.hide();
      renderer.draw(t);
      root.dataset.view = viewAttribute(scene, t);
      keyboard?.follow(t);
    },
    { dragPans: () => tool() === 'pan' },
  );
  const kept = { zoom, focused };
  live.set(container, kept);
  keyboard = attachKeyboard(surface, overlay, {
    index: scene.index,
    sx: scene.sx,
    sy: scene.sy,
    width: props.width,
    height: props.height,
    zoom,
    initial: focused !== null && focused < count ? focused : null,
    onFocusRow: (row) => {
      kept.focused = row;
      // The keyboard's point is hovered as much as the pointer's (linked maps follow both).
      props.onHover?.(row);
    },
    onPick: (row) => props.onClick?.({ row, probe: null }),
    onEscape: () => props.onClearSelection?.(),
    showTip: (row, x, y) => props.tooltip && tooltip.show(x, y, props.tooltip(row)),
    hideTip: () => tooltip.hide(),
  });
  const wasDrag = attachSelectDrag(surface, overlay, scene.index, {
    tool: () => tool(),
    transform: () => zoom.transform(),
    onSelect: (rows, m) => props.onSelect?.(rows, m),
  });
  attachPointer(surface, hit, zoom, props, tooltip, wasDrag);
  renderer.draw(zoom.transform());
  root.dataset.view = viewAttribute(scene, zoom.transform());
  // A re-render after a keyboard pick (Enter) must not drop focus out of the map.
  if (hadFocus) surface.focus({ preventScroll: true });
}

/** Hover shows the tooltip, a click reports the row or probe, a double-click on empty space resets the zoom. */
function attachPointer(
  surface: HTMLElement,
  hit: ReturnType<typeof hitTester>,
  zoom: ZoomControl,
  props: ScatterProps,
  tooltip: ReturnType<typeof createTooltip>,
  wasDrag: () => boolean,
): void {
  const pos = (e: MouseEvent): [number, number] => {
    const b = surface.getBoundingClientRect();
    return [e.clientX - b.left, e.clientY - b.top];
  };
  surface.addEventListener('mousemove', (e) => {
    const [mx, my] = pos(e);
    const { row } = hit(mx, my, zoom.transform());
    if (row === null || !props.tooltip) tooltip.hide();
    else tooltip.show(mx, my, props.tooltip(row));
    props.onHover?.(row);
  });
  surface.addEventListener('mouseleave', () => {
    tooltip.hide();
    props.onHover?.(null);
  });
  surface.addEventListener('click', (e) => {
    if (wasDrag()) return;
    const h = hit(...pos(e), zoom.transform());
    if (h.row !== null || h.probe !== null) props.onClick?.(h);
  });
  surface.addEventListener('dblclick', (e) => {
    const [mx, my] = pos(e);
    const h = hit(mx, my, zoom.transform());
    if (h.row === null && h.probe === null) zoom.reset();
    else zoom.scaleBy(2, mx, my);
  });
}
