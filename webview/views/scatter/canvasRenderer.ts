// The map on a canvas (many points, up to millions): points stamped straight into a pixel buffer (discs where few
// are in view, a density image of one pixel per point where many are), outlines and probes on top. While the user
// pans or zooms a map that is slow to paint, frames move the last painted image and the full paint follows at rest.
import { color, type ZoomTransform } from 'd3';
import { highlightColor, mix } from '../../util/colors';
import { emphasis, type ScatterScene } from './geometry';
import { probeSize, type ScatterRenderer } from './renderer';

/** RGBA bytes of a colour as one little-endian Uint32 (the byte order of ImageData on every browser host). */
function packColor(c: string): number {
  const rgb = color(c)?.rgb() ?? { r: 0, g: 0, b: 0 };
  return ((255 << 24) | (Math.round(rgb.b) << 16) | (Math.round(rgb.g) << 8) | Math.round(rgb.r)) >>> 0;
}

/** Pixel offsets (dx, dy pairs) of a filled disc of radius rr. */
function discOffsets(rr: number): Int32Array {
  const out: number[] = [];
  for (let dy = -rr; dy <= rr; dy++)
    for (let dx = -rr; dx <= rr; dx++) if (dx * dx + dy * dy <= rr * rr + rr * 0.5) out.push(dx, dy);
  return Int32Array.from(out);
}

/** Above this many pixel writes per paint, points become single pixels shaded by how many fall on each. */
const DISC_BUDGET = 3_000_000;
/** Density levels: 1, 2, 3 and 4 or more points on a pixel, from faint to full colour. */
const LEVELS = [0.45, 0.65, 0.82, 1];

/** Colours for every palette entry: full, faded, and (density mode) each level of both, packed. */
function packedColors(scene: ScatterScene) {
  const { theme, coloring } = scene;
  const full = coloring.palette;
  const faded = full.map((c) => mix(theme.background, c, 0.3));
  const levels = (list: string[]) => LEVELS.map((a) => Uint32Array.from(list, (c) => packColor(mix(theme.background, c, a))));
  return {
    bg: packColor(theme.background),
    full: Uint32Array.from(full, packColor),
    faded: Uint32Array.from(faded, packColor),
    // Palette slot p of the faded colours is p + palette length: one index array covers both.
    density: levels([...full, ...faded]),
  };
}

/**
 * Points stamped into an ImageData: 100,000 discs cost a few ms where as many canvas arcs cost a frame budget many
 * times over (software rendering in particular). Emphasised rows (selection, locality) go last, in full colour.
 */
function pointStamper(scene: ScatterScene, ctx: CanvasRenderingContext2D, dpr: number) {
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  const img = ctx.createImageData(W, H);
  const buf = new Uint32Array(img.data.buffer);
  const hits = new Uint8Array(W * H);
  const top = new Uint16Array(W * H);
  const colors = packedColors(scene);
  const { coloring, order, sx, sy } = scene;
  const strong = emphasis(scene);
  const nPal = coloring.palette.length;
  const disc = discOffsets(Math.max(1, Math.round(scene.radius * dpr)));
  const block = Math.max(1, Math.round(dpr));

  return ({ k, x: tx, y: ty }: ZoomTransform) => {
    const kd = k * dpr;
    const ox = tx * dpr;
    const oy = ty * dpr;
    let inView = 0;
    for (let i = 0; i < scene.count; i++) {
      const px = sx[i] * kd + ox;
      const py = sy[i] * kd + oy;
      if (px >= 0 && py >= 0 && px < W && py < H) inView++;
    }
    buf.fill(colors.bg);
    // Each row once, in draw order, then the emphasised ones on top: `slot` picks the colour, `visit` stamps it.
    const each = (visit: (i: number, slot: number) => void) => {
      for (let o = 0; o < order.length; o++) {
        const i = order[o];
        if (!strong || !strong[i]) visit(i, strong ? coloring.index[i] + nPal : coloring.index[i]);
      }
      if (strong) for (let i = 0; i < scene.count; i++) if (strong[i]) visit(i, coloring.index[i]);
    };
    if (inView * (disc.length / 2) <= DISC_BUDGET) {
      each((i, slot) => {
        const cx = Math.round(sx[i] * kd + ox);
        const cy = Math.round(sy[i] * kd + oy);
        const c = slot < nPal ? colors.full[slot] : colors.faded[slot - nPal];
        for (let d = 0; d < disc.length; d += 2) {
          const px = cx + disc[d];
          const py = cy + disc[d + 1];
          if (px >= 0 && py >= 0 && px < W && py < H) buf[py * W + px] = c;
        }
      });
    } else {
      hits.fill(0);
      each((i, slot) => {
        const px = Math.floor((sx[i] * kd + ox) / block) * block;
        const py = Math.floor((sy[i] * kd + oy) / block) * block;
        if (px < 0 || py < 0 || px >= W || py >= H) return;
        const p = py * W + px;
        if (hits[p] < 255) hits[p]++;
        top[p] = slot;
      });
      for (let p = 0; p < hits.length; p++) {
        if (hits[p] === 0) continue;
        const c = colors.density[Math.min(hits[p], LEVELS.length) - 1][top[p]];
        for (let by = 0; by < block; by++) for (let bx = 0; bx < block; bx++) buf[p + by * W + bx] = c;
      }
    }
    ctx.putImageData(img, 0, 0);
  };
}

/** Outlines of the highlighted rows and the probes' diamonds, in CSS pixels over the stamped points. */
function drawOverlay(scene: ScatterScene, ctx: CanvasRenderingContext2D, { k, x: tx, y: ty }: ZoomTransform): void {
  const { theme, highlight, sx, sy, radius: r } = scene;
  if (highlight) {
    ctx.strokeStyle = theme.foreground;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 0; i < scene.count; i++) {
      if (!highlight[i]) continue;
      const x = sx[i] * k + tx;
      const y = sy[i] * k + ty;
      ctx.moveTo(x + r + 1, y);
      ctx.arc(x, y, r + 1, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  for (const p of scene.shownProbes) {
    const s = probeSize(p, scene.selectedProbe);
    const x = scene.px[p] * k + tx;
    const y = scene.py[p] * k + ty;
    ctx.beginPath();
    ctx.moveTo(x - s, y);
    ctx.lineTo(x, y - s);
    ctx.lineTo(x + s, y);
    ctx.lineTo(x, y + s);
    ctx.closePath();
    ctx.fillStyle = p === scene.selectedProbe ? highlightColor(theme) : theme.foreground;
    ctx.strokeStyle = theme.background;
    ctx.fill();
    ctx.stroke();
  }
}

/** A full paint slower than this makes pan and zoom frames move the last image instead (the full paint follows). */
const SLOW_PAINT_MS = 14;
/** How long the map waits after the last pan or zoom event before painting in full again. */
const SETTLE_MS = 120;

export function canvasRenderer(root: HTMLElement, scene: ScatterScene): ScatterRenderer {
  const doc = root.ownerDocument;
  const canvas = doc.createElement('canvas');
  const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
  canvas.width = Math.round(scene.width * dpr);
  canvas.height = Math.round(scene.height * dpr);
  canvas.style.width = `${scene.width}px`;
  canvas.style.height = `${scene.height}px`;
  root.append(canvas);
  // jsdom has no canvas: the element is there (tests count points by data attributes), nothing is painted.
  const ctx = canvas.getContext('2d');
  if (!ctx) return { surface: canvas, draw: () => {} };
  const stampPoints = pointStamper(scene, ctx, dpr);
  const last = doc.createElement('canvas');
  last.width = canvas.width;
  last.height = canvas.height;
  const lastCtx = last.getContext('2d')!;
  let painted: { t: ZoomTransform; ms: number } | null = null;
  let settle: ReturnType<typeof setTimeout> | undefined;

  const paintFull = (t: ZoomTransform) => {
    const t0 = performance.now();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    stampPoints(t);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawOverlay(scene, ctx, t);
    lastCtx.clearRect(0, 0, last.width, last.height);
    lastCtx.drawImage(canvas, 0, 0);
    painted = { t, ms: performance.now() - t0 };
    canvas.dataset.paintMs = String(Math.round(painted.ms));
  };
  /** The last full paint moved and scaled to zoom t: a frame in well under a millisecond, slightly blurred. */
  const paintMoved = (t: ZoomTransform, from: ZoomTransform) => {
    const s = t.k / from.k;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = scene.theme.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(last, (t.x - from.x * s) * dpr, (t.y - from.y * s) * dpr, last.width * s, last.height * s);
  };
  let latest: ZoomTransform | null = null;
  const frame = () => {
    const t = latest!;
    latest = null;
    if (painted && painted.ms > SLOW_PAINT_MS && painted.t !== t) {
      paintMoved(t, painted.t);
      clearTimeout(settle);
      settle = setTimeout(() => paintFull(t), SETTLE_MS);
    } else paintFull(t);
  };
  return {
    surface: canvas,
    draw: (t) => {
      // Zoom events come faster than frames; paint once per frame, at the latest zoom.
      const queued = latest !== null;
      latest = t;
      if (queued) return;
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(frame);
      else frame();
    },
  };
}
