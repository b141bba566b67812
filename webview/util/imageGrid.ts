// Recognises image data from feature names (pixel_R_C, pixelN, px...) so a module can be drawn as a picture.

export interface ImageGrid {
  rows: number;
  cols: number;
  /** Grid cell (row * cols + col) of each kept feature. */
  cellOf: Int32Array;
}

const ROW_COL = /^(?:pixel|px|pix)[_\-\s]?(\d+)[_x\-\s](\d+)$/i;
const FLAT = /^(?:pixel|px|pix)[_\-\s]?(\d+)$/i;

/** Each name's (row, col) on a square grid, or null unless every name is a pixel name of one kind. */
function gridCells(names: readonly string[]): { side: number; cell: (k: number) => number } | null {
  const rc = names.map((f) => ROW_COL.exec(f));
  if (rc.every((m) => m !== null)) {
    const r = rc.map((m) => Number(m[1]));
    const c = rc.map((m) => Number(m[2]));
    // Names may be 1-based (pixel_1_1 .. pixel_28_28): then row and column 0 never occur.
    const base = r.includes(0) || c.includes(0) ? 0 : 1;
    const rows = Math.max(...r) + 1 - base;
    const cols = Math.max(...c) + 1 - base;
    if (rows !== cols) return null;
    return { side: rows, cell: (k) => (r[k] - base) * cols + (c[k] - base) };
  }
  const flat = names.map((f) => FLAT.exec(f));
  if (flat.every((m) => m !== null)) {
    const idx = flat.map((m) => Number(m[1]));
    const base = Math.min(...idx) === 0 ? 0 : 1;
    return { side: Math.ceil(Math.sqrt(Math.max(...idx) + 1 - base)), cell: (k) => idx[k] - base };
  }
  return null;
}

/**
 * A grid when every feature is a pixel name and they fit a square grid. The dropped features (constant pixels such
 * as digits' empty corners, or the pixels maxFeatures left out) count towards the grid: with them, at least half
 * of its cells must be named. Null otherwise.
 */
export function detectImageGrid(
  features: readonly string[],
  dropped: readonly string[] = [],
): ImageGrid | null {
  if (features.length === 0 || features.length + dropped.length < 16) return null;
  const all = dropped.every((d) => ROW_COL.test(d) || FLAT.test(d)) ? [...features, ...dropped] : features;
  const grid = gridCells(all);
  if (!grid || all.length < 0.5 * grid.side * grid.side) return null;
  const cellOf = Int32Array.from(features, (_, k) => grid.cell(k));
  return { rows: grid.side, cols: grid.side, cellOf };
}

/** Per-feature values placed on the grid; cells of dropped features are NaN. */
export function toGrid(grid: ImageGrid, values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(grid.rows * grid.cols).fill(NaN);
  for (let f = 0; f < grid.cellOf.length; f++) out[grid.cellOf[f]] = values[f];
  return out;
}
