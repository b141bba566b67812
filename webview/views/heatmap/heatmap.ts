// The F x F signed pattern of a module (or a locality's own correlations) as a clickable heatmap: SVG cells up to
// 80 features, a canvas under the SVG's labels, key and cursor beyond.
import { divergingColor, type Theme } from '../../util/colors';
import { maxAbs } from '../../util/pattern';
import { svgEl, SVG_NS } from '../../util/svg';
import { pairCount } from '../../../src/shared/result/pairs';
import { canvasLayer } from './canvasLayer';
import { formatWeight, heatmapGeometry } from './geometry';
import { attachInteraction } from './interaction';
import { cellLayer, colorKey, cursorRect, frameRect, highlightLayer, labelLayer } from './svgLayers';

export { labelStep } from './geometry';

export const SVG_MAX_FEATURES = 80;

/** What the colours mean: the value at full colour, its unit under the key, and one cell's value in words. */
export interface HeatmapScale {
  max: number;
  unit: string;
  describe: (v: number) => string;
}

/** Without a scale: the pattern's own weights, full colour at the largest. */
function weightScale(pattern: Float32Array): HeatmapScale {
  return { max: maxAbs(pattern), unit: 'pattern weight', describe: formatWeight };
}

export interface HeatmapProps {
  /** P = F(F-1)/2 upper-triangle weights, row-major pairs (0,1),(0,2)...(1,2)... */
  pattern: Float32Array;
  features: readonly string[];
  theme: Theme;
  /** Width and height of the whole view in px. */
  size: number;
  moduleId?: number | null;
  localityId?: number | null;
  selectedPair?: readonly [number, number] | null;
  onCellClick?: (i: number, j: number) => void;
  mode?: 'auto' | 'svg' | 'canvas';
  /** The colour scale and its unit (default: the pattern's weights). */
  scale?: HeatmapScale;
  /** Features (positions in `features`) to mark with bands: what a feature search found. */
  highlight?: readonly number[];
  /** The root's data-testid; "heatmap" unless another heatmap (the selection's) must be told apart. */
  testId?: string;
}

function heatmapRoot(doc: Document, props: HeatmapProps, mode: string): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'lava-heatmap';
  root.dataset.testid = props.testId ?? 'heatmap';
  if (props.localityId !== null && props.localityId !== undefined) root.dataset.localityId = String(props.localityId);
  else if (props.moduleId !== null && props.moduleId !== undefined) root.dataset.moduleId = String(props.moduleId);
  root.dataset.featureCount = String(props.features.length);
  root.dataset.mode = mode;
  return root;
}

export function renderHeatmap(container: HTMLElement, props: HeatmapProps): void {
  const { pattern, features, theme } = props;
  const F = features.length;
  if (pattern.length !== pairCount(F)) {
    throw new Error(`heatmap: pattern has ${pattern.length} weights; ${F} features need ${pairCount(F)}`);
  }
  const mode =
    props.mode === 'svg' || props.mode === 'canvas' ? props.mode : F > SVG_MAX_FEATURES ? 'canvas' : 'svg';
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = heatmapRoot(doc, props, mode);
  container.append(root);

  const g = heatmapGeometry(features, props.size);
  const scale = props.scale ?? weightScale(pattern);
  const colorOf = divergingColor(theme, scale.max);
  const { width, height } = g;
  const svg = svgEl(doc, 'svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, tabindex: 0 });
  svg.setAttribute('role', 'grid');
  svg.setAttribute('aria-label', `Signed pattern over ${F} features; arrow keys move, Enter opens the pair view`);
  // On a canvas the background is the canvas's: the SVG on top keeps labels, key and cursor crisp.
  svg.append(svgEl(doc, 'rect', { width, height, fill: mode === 'canvas' ? 'none' : theme.background }));
  svg.append(labelLayer(doc, g, features, theme));
  const cells = cellLayer(doc, g, pattern, colorOf, mode === 'svg');
  const cursor = cursorRect(doc, g, theme);
  cells.append(frameRect(doc, g, theme));
  if (props.highlight?.length) cells.append(highlightLayer(doc, g, props.highlight, theme));
  cells.append(cursor);
  svg.append(cells, colorKey(doc, g, scale, colorOf, theme));
  if (mode === 'canvas') {
    const wrap = doc.createElement('div');
    wrap.className = 'lava-heatmap-stack';
    wrap.append(canvasLayer(doc, g, pattern, theme, colorOf), svg);
    root.append(wrap);
  } else root.append(svg);

  const status = doc.createElement('div');
  status.className = 'lava-heatmap-status';
  status.setAttribute('aria-live', 'polite');
  root.append(status);
  attachInteraction({
    svg,
    cursor,
    status,
    g,
    pattern,
    features,
    describe: scale.describe,
    selectedPair: props.selectedPair,
    onCellClick: props.onCellClick,
  });
}
