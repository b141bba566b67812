// The map's spatial index (a static k-d tree, kdbush) over the points' unzoomed screen positions: the nearest point
// under the pointer, the rows inside a lasso or box, the next point in an arrow's direction. No query scans every row,
// so hover, click and selection stay fast at a million points.
import KDBush from 'kdbush';

/** A polygon as flat x, y pairs (a box is a polygon of four corners). */
export type Polygon = ArrayLike<number>;

/** Even-odd rule: is (x, y) inside the polygon? Points exactly on an edge may fall either way. */
export function pointInPolygon(poly: Polygon, x: number, y: number): boolean {
  let inside = false;
  const n = poly.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = poly[2 * i];
    const yi = poly[2 * i + 1];
    const xj = poly[2 * j];
    const yj = poly[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The four corners of the box spanned by two corners. */
export function boxPolygon(x0: number, y0: number, x1: number, y1: number): number[] {
  return [x0, y0, x1, y0, x1, y1, x0, y1];
}

export class PointIndex {
  private readonly tree: KDBush;
  private readonly extent: number;

  constructor(
    private readonly sx: Float32Array,
    private readonly sy: Float32Array,
  ) {
    const n = sx.length;
    this.tree = new KDBush(n, 64, Float32Array);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity; // prettier-ignore
    for (let i = 0; i < n; i++) {
      this.tree.add(sx[i], sy[i]);
      if (sx[i] < x0) x0 = sx[i];
      if (sx[i] > x1) x1 = sx[i];
      if (sy[i] < y0) y0 = sy[i];
      if (sy[i] > y1) y1 = sy[i];
    }
    this.tree.finish();
    this.extent = n > 0 ? Math.max(x1 - x0, y1 - y0, 1) : 0;
  }

  private dist2(i: number, x: number, y: number): number {
    return (this.sx[i] - x) ** 2 + (this.sy[i] - y) ** 2;
  }

  /** The row nearest to (x, y) within `radius`, ties to the lower row; null when none is that close. */
  nearest(x: number, y: number, radius: number): number | null {
    let best: number | null = null;
    let bestD = radius * radius;
    for (const i of this.tree.within(x, y, radius)) {
      const d = this.dist2(i, x, y);
      if (d < bestD || (d === bestD && (best === null || i < best))) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** The row nearest to (x, y) however far (keyboard focus starts there); null when there are no rows. */
  nearestAny(x: number, y: number): number | null {
    if (this.sx.length === 0) return null;
    // Doubling the reach keeps each look-up small where points are dense and still ends where they are sparse.
    for (let r = 8; ; r *= 2) {
      const found = this.nearest(x, y, r);
      if (found !== null) return found;
    }
  }

  /** Rows inside the polygon, ascending. */
  inPolygon(poly: Polygon): Int32Array {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity; // prettier-ignore
    for (let k = 0; k < poly.length; k += 2) {
      x0 = Math.min(x0, poly[k]);
      x1 = Math.max(x1, poly[k]);
      y0 = Math.min(y0, poly[k + 1]);
      y1 = Math.max(y1, poly[k + 1]);
    }
    if (poly.length < 6 || !(x1 > x0 && y1 > y0)) return new Int32Array(0);
    const out = Int32Array.from(
      this.tree.range(x0, y0, x1, y1).filter((i) => pointInPolygon(poly, this.sx[i], this.sy[i])),
    );
    return out.sort();
  }

  /**
   * The nearest row to row `from` in the direction (dx, dy) (an arrow key): within 45 degrees of it, so every
   * arrow reaches the points a reader sees that way. Boxes double until one holds a point within its reach.
   */
  nextInDirection(from: number, dx: number, dy: number): number | null {
    const x = this.sx[from];
    const y = this.sy[from];
    for (let r = 8; ; r *= 2) {
      let best: number | null = null;
      let bestD = r * r;
      for (const i of this.tree.range(x - r, y - r, x + r, y + r)) {
        const along = (this.sx[i] - x) * dx + (this.sy[i] - y) * dy;
        const across = Math.abs((this.sx[i] - x) * dy - (this.sy[i] - y) * dx);
        if (i === from || along <= 0 || across > along) continue;
        const d = this.dist2(i, x, y);
        if (d < bestD || (d === bestD && best !== null && i < best)) {
          bestD = d;
          best = i;
        }
      }
      // A point found within the box's inner circle is the nearest; past the whole extent there is none.
      if (best !== null || r > 2 * this.extent) return best;
    }
  }
}
