// The map on a canvas (many points): discs stamped straight into a pixel buffer, outlines and probes on top.
import { color, type ZoomTransform } from 'd3';
import { highlightColor, mix } from '../../util/colors';
import type { ScatterScene } from './geometry';
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

/**
 * Points stamped into an ImageData: 100,000 discs cost a few ms where as many canvas arcs cost a frame
 * budget many times over (software rendering in particular). Highlighted rows go last, in full colour.
 */
function pointStamper(scene: ScatterScene, ctx: CanvasRenderingContext2D, dpr: number) {
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  const img = ctx.createImageData(W, H);
  const buf = new Uint32Array(img.data.buffer);
  const { theme, coloring, highlight, order, sx, sy } = scene;
  const bg = packColor(theme.background);
  const full = Uint32Array.from(coloring.palette, packColor);
  const faded = Uint32Array.from(coloring.palette, (c) => packColor(mix(theme.background, c, 0.3)));
  const disc = discOffsets(Math.max(1, Math.round(scene.radius * dpr)));
  const stamp = (x: number, y: number, c: number) => {
    const cx = Math.round(x * dpr);
    const cy = Math.round(y * dpr);
    for (let d = 0; d < disc.length; d += 2) {
      const px = cx + disc[d];
      const py = cy + disc[d + 1];
      if (px >= 0 && py >= 0 && px < W && py < H) buf[py * W + px] = c;
    }
  };
  return ({ k, x: tx, y: ty }: ZoomTransform) => {
    buf.fill(bg);
    const colors = highlight ? faded : full;
    for (let o = 0; o < order.length; o++) {
      const i = order[o];
      if (!highlight || !highlight[i]) stamp(sx[i] * k + tx, sy[i] * k + ty, colors[coloring.index[i]]);
    }
    if (highlight)
      for (let i = 0; i < scene.count; i++)
        if (highlight[i]) stamp(sx[i] * k + tx, sy[i] * k + ty, full[coloring.index[i]]);
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

export function canvasRenderer(root: HTMLElement, scene: ScatterScene): ScatterRenderer {
  const canvas = root.ownerDocument.createElement('canvas');
  const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
  canvas.width = Math.round(scene.width * dpr);
  canvas.height = Math.round(scene.height * dpr);
  canvas.style.width = `${scene.width}px`;
  canvas.style.height = `${scene.height}px`;
  root.append(canvas);
  // jsdom has no canvas: the element is there (tests count points by data attributes), nothing is painted.
  const ctx = canvas.getContext('2d');
  const stampPoints = ctx ? pointStamper(scene, ctx, dpr) : null;
  let latest: ZoomTransform | null = null;
  const paint = () => {
    const t = latest!;
    latest = null;
    if (!ctx || !stampPoints) return;
    stampPoints(t);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawOverlay(scene, ctx, t);
  };
  return {
    surface: canvas,
    draw: (t) => {
      // Zoom events come faster than frames; paint once per frame, at the latest zoom.
      const queued = latest !== null;
      latest = t;
      if (queued) return;
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(paint);
      else paint();
    },
  };
}
