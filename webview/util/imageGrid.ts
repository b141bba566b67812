// Recognises image data from feature names (pixel_R_C, pixelN, px...) so a module can be drawn as a picture.

export interface ImageGrid {
  rows: number;
  cols: number;
  /** Grid cell (row * cols + col) of each feature. */
  cellOf: Int32Array;
}

const ROW_COL = /^(?:pixel|px|pix)[_\-\s]?(\d+)[_x\-\s](\d+)$/i;
const FLAT = /^(?:pixel|px|pix)[_\-\s]?(\d+)$/i;

/**
 * A grid when every feature is a pixel name and they fit a square grid (dropped constant pixels, such as
 * digits' empty corners, are allowed to be missing). Null otherwise.
 */
export function detectImageGrid(features: readonly string[]): ImageGrid | null {
  if (features.length < 16) return null;
  const F = features.length;
  const cellOf = new Int32Array(F);
  const rc = features.map((f) => ROW_COL.exec(f));
  if (rc.every((m) => m !== null)) {
    let rows = 0;
    let cols = 0;
    for (const m of rc) {
      rows = Math.max(rows, Number(m[1]) + 1);
      cols = Math.max(cols, Number(m[2]) + 1);
    }
    // Names may be 1-based (pixel_1_1 .. pixel_28_28): then row and column 0 never occur.
    const base = rc.some((m) => Number(m[1]) === 0 || Number(m[2]) === 0) ? 0 : 1;
    rows -= base;
    cols -= base;
    if (rows !== cols || F < 0.5 * rows * cols) return null;
    rc.forEach((m, f) => (cellOf[f] = (Number(m[1]) - base) * cols + (Number(m[2]) - base)));
    return { rows, cols, cellOf };
  }
  const flat = features.map((f) => FLAT.exec(f));
  if (flat.every((m) => m !== null)) {
    const idx = flat.map((m) => Number(m[1]));
    const base = Math.min(...idx) === 0 ? 0 : 1;
    const side = Math.ceil(Math.sqrt(Math.max(...idx) + 1 - base));
    if (F < 0.5 * side * side) return null;
    idx.forEach((n, f) => (cellOf[f] = n - base));
    return { rows: side, cols: side, cellOf };
  }
  return null;
}

/** Per-feature values placed on the grid; cells of dropped features are NaN. */
export function toGrid(grid: ImageGrid, values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(grid.rows * grid.cols).fill(NaN);
  for (let f = 0; f < grid.cellOf.length; f++) out[grid.cellOf[f]] = values[f];
  return out;
}
