// Where the map's points and probes sit on screen before zoom, and the order they are drawn in.
import type { PointColoring } from '../../util/pointColors';
import type { Theme } from '../../util/colors';
import { PointIndex } from './pointIndex';

export const round = (v: number) => Math.round(v * 100) / 100;

/** Screen positions (before zoom) that keep the embedding's aspect ratio: distances mean the same on both axes. */
export function layoutPoints(
  coords: ArrayLike<number>,
  dims: number,
  count: number,
  width: number,
  height: number,
  pad = 12,
): { sx: Float32Array; sy: Float32Array; toScreen: (x: number, y: number) => [number, number] } {
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = coords[i * dims];
    const y = coords[i * dims + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0)) [x0, x1, y0, y1] = [0, 1, 0, 1];
  const k = Math.min((width - 2 * pad) / (x1 - x0 || 1), (height - 2 * pad) / (y1 - y0 || 1));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Screen y grows downwards; embeddings are read with y up.
  const toScreen = (x: number, y: number): [number, number] => [
    round(width / 2 + (x - cx) * k),
    round(height / 2 - (y - cy) * k),
  ];
  const sx = new Float32Array(count);
  const sy = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const [a, b] = toScreen(coords[i * dims], coords[i * dims + 1]);
    sx[i] = a;
    sy[i] = b;
  }
  return { sx, sy, toScreen };
}

/** Rows ordered by palette index (counting sort): higher activity is drawn last, on top, and a canvas fills one path per colour. */
export function drawOrder(index: Uint16Array, paletteSize: number): Uint32Array {
  const start = new Uint32Array(paletteSize + 1);
  for (let i = 0; i < index.length; i++) start[index[i] + 1]++;
  for (let c = 0; c < paletteSize; c++) start[c + 1] += start[c];
  const order = new Uint32Array(index.length);
  for (let i = 0; i < index.length; i++) order[start[index[i]]++] = i;
  return order;
}

/** Where the points sit (unzoomed screen pixels) and their spatial index: built once per embedding and size. */
export interface ScatterGeometry {
  dims: number;
  width: number;
  height: number;
  count: number;
  sx: Float32Array;
  sy: Float32Array;
  toScreen: (x: number, y: number) => [number, number];
  index: PointIndex;
}

const geometries = new WeakMap<object, ScatterGeometry[]>();

/**
 * The geometry of these coordinates at this size, reused across renders: a new colouring or selection on a
 * million points must not lay them out and index them again.
 */
export function geometryFor(coords: ArrayLike<number>, dims: number, count: number, width: number, height: number): ScatterGeometry {
  const key = coords as object;
  const kept = geometries.get(key) ?? [];
  const found = kept.find((g) => g.dims === dims && g.width === width && g.height === height && g.count === count);
  if (found) return found;
  const { sx, sy, toScreen } = layoutPoints(coords, dims, count, width, height);
  const g = { dims, width, height, count, sx, sy, toScreen, index: new PointIndex(sx, sy) };
  // Two sizes are kept (a resize back and forth); more would only hold memory.
  geometries.set(key, [g, ...kept].slice(0, 2));
  return g;
}

/** Everything a renderer and the hit-test need, in unzoomed screen pixels. */
export interface ScatterScene extends ScatterGeometry {
  order: Uint32Array;
  /** Point radius in px. */
  radius: number;
  coloring: PointColoring;
  theme: Theme;
  /** A locality's members: outlined, and drawn in full colour over the rest when nothing is selected. */
  highlight: Uint8Array | null;
  /** Selected rows (lasso, box, a searched value): drawn last, in full colour, the rest faded. */
  selected: Uint8Array | null;
  /** Probe ids drawn; px/py are indexed by probe id so ids stay the result's locality numbers. */
  shownProbes: number[];
  px: Float32Array;
  py: Float32Array;
  selectedProbe: number | null;
}

/** What the map shows. */
export interface SceneInput {
  /** E x dims, row-major; the first two dimensions are drawn. */
  coords: ArrayLike<number>;
  dims: number;
  count: number;
  coloring: PointColoring;
  theme: Theme;
  width: number;
  height: number;
  /** l x dims probe positions, drawn when given. */
  probes?: ArrayLike<number> | null;
  selectedProbe?: number | null;
  /** Draw (and hit-test) only the selected probe: the rest are hidden while "Probes" is off. */
  onlySelectedProbe?: boolean;
  /** Rows to emphasise (a locality's members); others are faded. */
  highlight?: Uint8Array | null;
  /** Selected rows: drawn on top; the rest (locality members too) faded. */
  selected?: Uint8Array | null;
}

/** The rows drawn in full colour on top: the selection, else the highlighted locality. */
export function emphasis(scene: ScatterScene): Uint8Array | null {
  return scene.selected ?? scene.highlight;
}

export function buildScene(p: SceneInput): ScatterScene {
  const { coords, dims, count, width, height } = p;
  const geometry = geometryFor(coords, dims, count, width, height);
  const { toScreen } = geometry;
  const allProbes = p.probes ? Math.floor(p.probes.length / dims) : 0;
  const selectedProbe = p.selectedProbe ?? null;
  const shownProbes: number[] = p.onlySelectedProbe
    ? selectedProbe !== null && selectedProbe < allProbes
      ? [selectedProbe]
      : []
    : Array.from({ length: allProbes }, (_, q) => q);
  const px = new Float32Array(allProbes);
  const py = new Float32Array(allProbes);
  for (const q of shownProbes) [px[q], py[q]] = toScreen(p.probes![q * dims], p.probes![q * dims + 1]);
  return {
    ...geometry,
    order: drawOrder(p.coloring.index, p.coloring.palette.length),
    radius: count > 20000 ? 1.6 : count > 1000 ? 2.5 : 3.5,
    coloring: p.coloring,
    theme: p.theme,
    highlight: p.highlight ?? null,
    selected: p.selected ?? null,
    shownProbes,
    px,
    py,
    selectedProbe,
  };
}
