// The candidate curve: each k's stability (its least stable module) over the range "auto" scans, the shown k and the
// k stability chose marked; clicking a k (or Enter on it) asks for the modules at that k without re-running.
import type { LavaResult } from '../../../src/shared/result/types';
import type { Theme } from '../../util/colors';
import { svgEl, SVG_NS } from '../../util/svg';

const W = 220;
const H = 64;
const PAD = { left: 24, right: 8, top: 6, bottom: 16 };

export interface KCurveProps {
  result: LavaResult;
  theme: Theme;
  /** False while a run or another k is on its way: the points are then not offered. */
  enabled: boolean;
  onPick?: (k: number) => void;
}

/**
 * One k of the range at (x, y): a dot at its stability when scanned, a hollow mark on the axis when not (y null;
 * asking for it costs a scan point too).
 */
function kPoint(doc: Document, k: number, x: number, y: number | null, stability: number, props: KCurveProps): SVGGElement {
  const { result, theme } = props;
  const sel = result.moduleSelection;
  const shown = k === sel.chosen;
  const chosenByStability = sel.mode === 'auto' ? sel.chosen : sel.autoChosen;
  const what = y === null ? 'not scanned yet' : `stability ${stability.toFixed(2)}`;
  const g = svgEl(doc, 'g', { 'data-k': k, class: 'lava-k-point' });
  const label = `k = ${k}: ${what}${k === chosenByStability ? ', chosen by stability' : ''}${shown ? ' (shown)' : ''}`;
  g.append(
    svgEl(doc, 'circle', {
      cx: x,
      cy: y ?? H - PAD.bottom,
      r: shown ? 4.5 : y === null ? 2 : 3,
      fill: y === null ? theme.background : shown ? theme.orange : theme.blue,
      stroke: k === chosenByStability ? theme.foreground : y === null ? theme.muted : 'none',
      'stroke-width': k === chosenByStability ? 1.5 : 1,
    }),
  );
  const title = svgEl(doc, 'title', {});
  title.textContent = shown ? label : `${label}. Click to show the modules at k = ${k}.`;
  g.append(title);
  if (shown || !props.enabled) {
    g.setAttribute('aria-label', label);
    return g;
  }
  g.setAttribute('role', 'button');
  g.setAttribute('tabindex', '0');
  g.setAttribute('aria-label', `${label}; show the modules at k = ${k}`);
  g.setAttribute('cursor', 'pointer');
  g.addEventListener('click', () => props.onPick?.(k));
  g.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    props.onPick?.(k);
  });
  return g;
}

/** The curve as an SVG, or null when k was given and nothing was scanned. */
export function kCurve(doc: Document, props: KCurveProps): SVGSVGElement | null {
  const { result, theme } = props;
  const sel = result.moduleSelection;
  if (sel.candidates.length === 0) return null;
  const [lo, hi] = result.params.modulesRange;
  const x = (k: number) => PAD.left + ((k - lo) / Math.max(1, hi - lo)) * (W - PAD.left - PAD.right);
  const y = (s: number) => PAD.top + (1 - s) * (H - PAD.top - PAD.bottom);
  const svg = svgEl(doc, 'svg', { xmlns: SVG_NS, width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  svg.setAttribute('class', 'lava-k-curve');
  svg.setAttribute('data-testid', 'k-curve');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', `Stability of each k from ${lo} to ${hi} (the least stable module's); pick a k to see its modules`);
  const axis = { stroke: theme.muted, 'stroke-width': 1 };
  const text = (tx: number, ty: number, s: string, anchor = 'middle') => {
    const t = svgEl(doc, 'text', { x: tx, y: ty, 'text-anchor': anchor, 'font-size': 9, fill: theme.foreground, 'font-family': theme.fontFamily });
    t.textContent = s;
    return t;
  };
  svg.append(
    svgEl(doc, 'line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, ...axis }),
    // The stability a k needs to be chosen, and a module to be strong.
    svgEl(doc, 'line', { x1: PAD.left, x2: W - PAD.right, y1: y(result.params.minStability), y2: y(result.params.minStability), ...axis, 'stroke-dasharray': '3 2' }),
    text(PAD.left - 3, y(1) + 3, '1', 'end'),
    text(PAD.left - 3, y(0) + 3, '0', 'end'),
    text(x(lo), H - 4, `k ${lo}`, 'start'),
    text(x(hi), H - 4, String(hi), 'end'),
  );
  const points = sel.candidates.map((c) => `${x(c.k).toFixed(1)},${y(c.stability).toFixed(1)}`).join(' ');
  svg.append(svgEl(doc, 'polyline', { points, fill: 'none', stroke: theme.blue, 'stroke-width': 1.2 }));
  const scanned = new Map(sel.candidates.map((c) => [c.k, c.stability]));
  for (let k = lo; k <= hi; k++) {
    const s = scanned.get(k);
    svg.append(kPoint(doc, k, x(k), s === undefined ? null : y(s), s ?? 0, props));
  }
  return svg;
}
