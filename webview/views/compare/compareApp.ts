// The compare panel's app: takes the host's comparison note (its text and both results'), decodes and checks them,
// and wires the two maps: linked hover, one selection shown on both, colour by a matched pair or by how much of
// each row's neighbourhood was kept.
import { rowTitle } from '../../../src/shared/result/rowLabels';
import { compareHostContract, compareWebviewContract } from '../../../src/shared/protocol';
import { Peer } from '../../../src/shared/rpc';
import { decodeComparison } from '../../../src/shared/compare/codec';
import { decodeResult } from '../../../src/shared/result/decode';
import type { LavaResult } from '../../../src/shared/result/types';
import type { MapTool, SelectMode } from '../../store/state';
import { normalizeRows, rowMask, subtractRows, unionRows } from '../../store/rowSets';
import { describeFailure } from '../../store/effects';
import { readTheme, type Theme } from '../../util/colors';
import { sequentialColoring, uniformColoring, type PointColoring } from '../../util/pointColors';
import type { VsCodeApi } from '../../util/vscodeApi';
import { renderColorLegend } from '../colorLegend/colorLegend';
import { renderScatter } from '../scatter/scatter';
import { buildCompareView, type CompareData, type CompareSlots } from './compareView';
import { showLinkedRow } from './linkedHover';

export interface CompareApp {
  receive(message: unknown): void;
  refreshTheme(): void;
  resize(): void;
  dispose(): void;
}

interface CompareState {
  colorBy: 'none' | 'kept' | 'pair';
  /** Index into comparison.matched of the pair colouring the maps. */
  pair: number | null;
  tool: MapTool;
  selection: Int32Array | null;
}

/** Below this width the maps stack (each then takes the whole width). */
const NARROW = 700;

function coloringOf(d: CompareData, s: CompareState, side: 'a' | 'b', theme: Theme): PointColoring {
  const r = d[side];
  if (s.colorBy === 'kept') return sequentialColoring('neighbourhood kept', d.comparison.neighbourhood.kept, theme, theme.green);
  const p = s.pair !== null ? d.comparison.matched[s.pair] : null;
  const m = p && r.modules.find((x) => x.id === p[side]);
  if (s.colorBy === 'pair' && m) return sequentialColoring(`M${m.id} activity`, m.activity, theme, side === 'a' ? theme.orange : theme.purple);
  return uniformColoring(r.rowCount, theme);
}

/** The note's three texts decoded and checked; throws a LavaInputError naming the file at fault. */
function decodeNote(n: { file: string; text: string; a: { file: string; text: string }; b: { file: string; text: string } }): CompareData {
  const comparison = decodeComparison(n.text, n.file);
  const a = decodeResult(n.a.text, n.a.file);
  const b = decodeResult(n.b.text, n.b.file);
  return { comparison, a, b, names: [n.a.file, n.b.file] };
}

function fail(root: HTMLElement, message: string): void {
  const p = root.ownerDocument.createElement('p');
  p.className = 'lava-compare-error';
  p.dataset.testid = 'compare-error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  root.replaceChildren(p);
}

/** One side's tooltip: the row's file line and how much of its neighbourhood the other map kept. */
function tooltipOf(d: CompareData, r: LavaResult) {
  return (row: number) => ({
    title: rowTitle(r, row),
    lines: [`neighbourhood kept: ${Math.round(d.comparison.neighbourhood.kept[row] * 100)}%`],
  });
}

/** What the compare panel's functions share: the decoded note and its view once shown, and the user's choices. */
interface CompareCtx {
  root: HTMLElement;
  theme: Theme;
  width: () => number;
  state: CompareState;
  data: CompareData | null;
  slots: CompareSlots | null;
}

function renderMap(ctx: CompareCtx, side: 'a' | 'b'): void {
  const { data: d, slots, state, theme } = ctx;
  if (!d || !slots) return;
  const r: LavaResult = d[side];
  const other = side === 'a' ? slots.mapB : slots.mapA;
  const otherR = d[side === 'a' ? 'b' : 'a'];
  const width = ctx.width();
  const w = Math.max(200, Math.floor(width < NARROW ? width - 24 : (width - 48) / 2));
  const coloring = coloringOf(d, state, side, theme);
  renderScatter(side === 'a' ? slots.mapA : slots.mapB, {
    coords: r.embedding.coords,
    dims: r.embedding.dims,
    count: r.rowCount,
    coloring,
    theme,
    width: w,
    height: Math.round(w * 0.8),
    probes: null,
    selected: state.selection ? rowMask(state.selection, r.rowCount) : null,
    tool: state.tool,
    label: `Map ${side.toUpperCase()} of ${r.rowCount} rows`,
    tooltip: tooltipOf(d, r),
    onHover: (row) => showLinkedRow(other, otherR.embedding.coords, otherR.embedding.dims, row),
    onSelect: (rows, mode) => select(ctx, rows, mode),
    onClearSelection: () => select(ctx, new Int32Array(0), 'replace'),
  });
  renderColorLegend(side === 'a' ? slots.legendA : slots.legendB, coloring.legend);
}

function renderMaps(ctx: CompareCtx): void {
  const { slots, state } = ctx;
  if (!slots) return;
  slots.root.dataset.layout = ctx.width() < NARROW ? 'narrow' : 'wide';
  slots.root.dataset.colorBy = state.colorBy;
  slots.matches.forEach((b, i) => b.setAttribute('aria-pressed', String(i === state.pair)));
  renderMap(ctx, 'a');
  renderMap(ctx, 'b');
}

/** One selection, shown on both maps (the results hold the same rows). */
function select(ctx: CompareCtx, rows: Int32Array, mode: SelectMode): void {
  if (!ctx.data) return;
  const picked = normalizeRows(rows, ctx.data.a.rowCount);
  const now = ctx.state.selection ?? new Int32Array(0);
  const next = mode === 'add' ? unionRows(now, picked) : mode === 'remove' ? subtractRows(now, picked) : picked;
  ctx.state.selection = next.length ? next : null;
  renderMaps(ctx);
}

/** Builds the view for a decoded note and binds its controls. */
function show(ctx: CompareCtx, d: CompareData): void {
  const { state } = ctx;
  ctx.data = d;
  const s = (ctx.slots = buildCompareView(ctx.root, d));
  s.colorBy.addEventListener('change', () => {
    state.colorBy = s.colorBy.value as CompareState['colorBy'];
    if (state.colorBy === 'pair' && state.pair === null && d.comparison.matched.length) state.pair = 0;
    renderMaps(ctx);
  });
  s.tool.addEventListener('change', () => {
    state.tool = s.tool.value as MapTool;
    renderMaps(ctx);
  });
  s.matches.forEach((b, i) =>
    b.addEventListener('click', () => {
      state.pair = i;
      state.colorBy = 'pair';
      s.colorBy.value = 'pair';
      renderMaps(ctx);
    }),
  );
  renderMaps(ctx);
}

export function startCompareApp(root: HTMLElement, api: VsCodeApi, options: { width?: number; log?: (l: string) => void } = {}): CompareApp {
  const log = options.log ?? ((line: string) => console.warn(`[lava compare] ${line}`));
  const host = new Peer({ post: (m) => api.postMessage(m) }, compareWebviewContract, compareHostContract, {
    onDrop: (why) => log(`dropped a message: ${why}`),
  });
  const ctx: CompareCtx = {
    root,
    theme: readTheme(root.ownerDocument.documentElement),
    width: () => options.width ?? (root.clientWidth || 900),
    state: { colorBy: 'none', pair: null, tool: 'pan', selection: null },
    data: null,
    slots: null,
  };
  host.on('comparison', (n) => {
    let d: CompareData;
    try {
      d = decodeNote(n);
    } catch (e) {
      fail(root, describeFailure(e));
      return;
    }
    if (n.uris) api.setState({ compare: n.uris });
    show(ctx, d);
  });
  host.on('error', (n) => fail(root, n.message));
  host.notify('ready', {});
  return {
    receive: (m) => host.receive(m),
    refreshTheme: () => {
      ctx.theme = readTheme(root.ownerDocument.documentElement);
      renderMaps(ctx);
    },
    resize: () => renderMaps(ctx),
    dispose: () => host.dispose(),
  };
}
