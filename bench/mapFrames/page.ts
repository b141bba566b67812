// The page side of bench/mapFrames/run.mjs: a million synthetic points on the explorer's canvas map, then pan, zoom
// and hover driven as a user would (mouse and wheel events), each frame timed with requestAnimationFrame.
import { renderScatter } from '../../webview/views/scatter/scatter';
import { categoricalColoring } from '../../webview/util/pointColors';
import { toCategories } from '../../src/shared/result/columns';
import { readTheme } from '../../webview/util/colors';
import { startApp } from '../../webview/app';

/** Clustered points like an embedding of many cells: 24 Gaussian blobs of different spreads and a sparse haze. */
function synthetic(n: number): { coords: Float32Array; labels: string[] } {
  let s = 12345;
  const u = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const centres = Array.from({ length: 24 }, () => [u() * 40 - 20, u() * 30 - 15, 0.4 + u() * 2]);
  const coords = new Float32Array(2 * n);
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const c = i % 24;
    const [cx, cy, sd] = centres[c];
    const r = Math.sqrt(-2 * Math.log(1 - u())) * (i % 50 === 0 ? 8 : sd);
    const a = u() * 2 * Math.PI;
    coords[2 * i] = cx + r * Math.cos(a);
    coords[2 * i + 1] = cy + r * Math.sin(a);
    labels[i] = `type ${c % 12}`;
  }
  return { coords, labels };
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Frame-to-frame times while `step(k)` sends one input event per frame. */
async function frames(count: number, step: (k: number) => void): Promise<number[]> {
  const out: number[] = [];
  let last = await nextFrame();
  for (let k = 0; k < count; k++) {
    step(k);
    const t = await nextFrame();
    out.push(t - last);
    last = t;
  }
  return out;
}

async function settle(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
  await nextFrame();
}

export async function runBench(n: number, width: number, height: number) {
  const { coords, labels } = synthetic(n);
  const host = document.getElementById('map')!;
  const theme = readTheme(document.documentElement);
  const { categories, codes } = toCategories(labels);
  const coloring = categoricalColoring('type', categories, codes, theme);
  const t0 = performance.now();
  renderScatter(host, { coords, dims: 2, count: n, coloring, theme, width, height, mode: 'canvas' });
  await nextFrame();
  const firstDraw = performance.now() - t0;
  const canvas = host.querySelector('canvas')!;
  const box = canvas.getBoundingClientRect();
  const at = (x: number, y: number) => ({ clientX: box.left + x, clientY: box.top + y, bubbles: true, cancelable: true, view: window });
  // Pan: press, 60 moves of 4 px, release (d3-zoom listens on the window after the press).
  canvas.dispatchEvent(new MouseEvent('mousedown', { ...at(width / 2, height / 2), button: 0 }));
  const pan = await frames(60, (k) => window.dispatchEvent(new MouseEvent('mousemove', at(width / 2 + 4 * (k + 1), height / 2 + 2 * (k + 1)))));
  window.dispatchEvent(new MouseEvent('mouseup', at(width / 2 + 240, height / 2 + 120)));
  await settle(300);
  const zoom = await frames(60, (k) =>
    canvas.dispatchEvent(new WheelEvent('wheel', { ...at(width / 2, height / 2), deltaY: k < 30 ? -60 : 60 })),
  );
  await settle(300);
  const fullPaintMs = Number(canvas.dataset.paintMs);
  // Zoomed in 8x on a dense blob: points are discs there again.
  for (let k = 0; k < 12; k++) canvas.dispatchEvent(new WheelEvent('wheel', { ...at(width / 2, height / 2), deltaY: -100 }));
  await settle(400);
  const zoomedInPaintMs = Number(canvas.dataset.paintMs);
  const hover: number[] = [];
  for (let k = 0; k < 200; k++) {
    const h0 = performance.now();
    canvas.dispatchEvent(new MouseEvent('mousemove', at((k * 37) % width, (k * 53) % height)));
    hover.push(performance.now() - h0);
  }
  // The early map through the whole app: an embedding note with a million Float32 coordinates to its first paint.
  const appRoot = document.getElementById('app')!;
  const app = startApp(appRoot, { postMessage: () => {}, getState: () => undefined, setState: () => {} }, { width, height: height + 200 });
  const e0 = performance.now();
  app.receive({ rpc: 'note', type: 'running', payload: { file: 'synthetic.csv', step: 'localities', fraction: 0.1 } });
  app.receive({ rpc: 'note', type: 'embedding', payload: { coords, dims: 2 } });
  await nextFrame();
  const earlyMapMs = performance.now() - e0;
  const drawn = appRoot.querySelector('[data-testid="scatter"]')?.getAttribute('data-point-count');
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    points: n,
    firstDrawMs: r(firstDraw),
    fullPaintZoomedOutMs: fullPaintMs,
    fullPaintZoomedInMs: zoomedInPaintMs,
    panFrameMs: { p50: r(pct(pan, 0.5)), p95: r(pct(pan, 0.95)), max: r(Math.max(...pan)) },
    zoomFrameMs: { p50: r(pct(zoom, 0.5)), p95: r(pct(zoom, 0.95)), max: r(Math.max(...zoom)) },
    hoverHitTestMs: { p50: r(pct(hover, 0.5)), p95: r(pct(hover, 0.95)) },
    earlyMapNoteToFirstPaintMs: r(earlyMapMs),
    earlyMapPoints: Number(drawn),
  };
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
