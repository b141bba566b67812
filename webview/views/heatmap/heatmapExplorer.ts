// A heatmap to read: its features in the chosen order (file, clustered, by weight), the strongest pairs listed
// beside it with their values, and a feature search that marks the features found and lists their pairs.
import type { HeatmapOrder, PairKey } from '../../store/state';
import type { Theme } from '../../util/colors';
import { el } from '../../util/dom';
import { featureOrder, permutePattern } from '../../util/featureOrder';
import { topPairs } from '../../util/topPairs';
import { formatWeight } from './geometry';
import { renderHeatmap, type HeatmapScale } from './heatmap';

export interface HeatmapExplorerProps {
  /** P upper-triangle weights over `features` in file order. */
  pattern: Float32Array;
  features: readonly string[];
  order: HeatmapOrder;
  /** Feature search text; empty for none. */
  query: string;
  theme: Theme;
  size: number;
  moduleId?: number | null;
  localityId?: number | null;
  testId?: string;
  /** The colour scale and its unit (default: the pattern's weights). */
  scale?: HeatmapScale;
  selectedPair?: PairKey | null;
  onPair: (a: string, b: string) => void;
}

export const TOP_PAIRS = 12;

/** Orders computed once per pattern and mode: clustering 784 pixels is not for every redraw. */
const orders = new WeakMap<Float32Array, Map<HeatmapOrder, Int32Array>>();

function cachedOrder(pattern: Float32Array, F: number, mode: HeatmapOrder): Int32Array {
  let byMode = orders.get(pattern);
  if (!byMode) orders.set(pattern, (byMode = new Map<HeatmapOrder, Int32Array>()));
  let order = byMode.get(mode);
  if (!order) byMode.set(mode, (order = featureOrder(pattern, F, mode)));
  return order;
}

/** Features whose name holds the query (case-insensitive); an exact name alone when there is one. */
export function matchFeatures(features: readonly string[], query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const exact = features.findIndex((f) => f.toLowerCase() === q);
  if (exact >= 0) return [exact];
  return features.flatMap((f, i) => (f.toLowerCase().includes(q) ? [i] : []));
}

function pairList(doc: Document, p: HeatmapExplorerProps, found: number[]): HTMLElement {
  const F = p.features.length;
  const box = el(doc, 'div', undefined, 'lava-top-pairs');
  const names = found.map((i) => p.features[i]);
  const title = !p.query.trim()
    ? 'Strongest pairs'
    : found.length === 0
      ? `No feature matches "${p.query.trim()}"`
      : `Pairs of ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
  box.append(el(doc, 'div', title, 'lava-top-pairs-title'));
  const list = el(doc, 'ol');
  list.dataset.testid = 'top-pairs';
  const pairs =
    p.query.trim() && found.length === 0
      ? []
      : topPairs(p.pattern, F, TOP_PAIRS, found.length ? new Set(found) : undefined);
  for (const { i, j, w } of pairs) {
    const li = el(doc, 'li');
    li.dataset.a = p.features[i];
    li.dataset.b = p.features[j];
    const pick = el(doc, 'button', `${p.features[i]} ~ ${p.features[j]}`, 'lava-link');
    pick.title = 'Plot these two features against each other';
    pick.addEventListener('click', () => p.onPair(p.features[i], p.features[j]));
    li.append(pick, el(doc, 'span', formatWeight(w), w > 0 ? 'lava-pos' : 'lava-neg'));
    list.append(li);
  }
  if (pairs.length === 0 && !p.query.trim())
    box.append(el(doc, 'p', 'No pair has a non-zero weight.', 'lava-muted'));
  box.append(list);
  return box;
}

export function renderHeatmapExplorer(container: HTMLElement, p: HeatmapExplorerProps): void {
  const doc = container.ownerDocument;
  const F = p.features.length;
  const order = cachedOrder(p.pattern, F, p.order);
  const features = Array.from(order, (f) => p.features[f]);
  const position = new Int32Array(F);
  order.forEach((f, a) => (position[f] = a));
  const found = matchFeatures(p.features, p.query);
  const ia = p.selectedPair ? p.features.indexOf(p.selectedPair.a) : -1;
  const ib = p.selectedPair ? p.features.indexOf(p.selectedPair.b) : -1;
  const wrap = el(doc, 'div', undefined, 'lava-heatmap-explorer');
  wrap.dataset.order = p.order;
  const matrix = el(doc, 'div');
  wrap.append(matrix, pairList(doc, p, found));
  container.replaceChildren(wrap);
  renderHeatmap(matrix, {
    pattern: p.order === 'file' ? p.pattern : permutePattern(p.pattern, F, order),
    features,
    theme: p.theme,
    size: p.size,
    moduleId: p.moduleId,
    localityId: p.localityId,
    testId: p.testId,
    ...(p.scale ? { scale: p.scale } : {}),
    highlight: found.map((f) => position[f]),
    selectedPair: ia >= 0 && ib >= 0 ? [position[ia], position[ib]] : null,
    onCellClick: (i, j) => {
      const [a, b] = [order[i], order[j]].sort((x, y) => x - y);
      p.onPair(p.features[a], p.features[b]);
    },
  });
}
