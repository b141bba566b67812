// The header: the run's progress or error, which file, how big, how many modules are strong and how k was chosen (with
// the candidate curve to pick another k), notes said once, parameters used.
import type { LavaResult } from '../../../src/shared/result/types';
import { moduleCountLine } from '../../../src/shared/result/selection';
import type { RunningNote } from '../../store/state';
import type { Theme } from '../../util/colors';
import { el } from '../../util/dom';
import { kCurve } from './kCurve';
import { paramsTable } from './paramsTable';

export interface HeaderProps {
  result: LavaResult | null;
  appliedFrom: Record<string, string>;
  running: RunningNote | null;
  error: string | null;
  theme: Theme;
  /** The user picked another k on the candidate curve. */
  onPickK?: (k: number) => void;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function statusLines(doc: Document, props: HeaderProps): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (props.error) {
    const err = el(doc, 'div', props.error, 'lava-error');
    err.setAttribute('role', 'alert');
    out.push(err);
  }
  if (props.running) {
    const r = props.running;
    const p = el(doc, 'div', `${basename(r.file)}: ${r.step} ${Math.round(r.fraction * 100)}%`, 'lava-running');
    p.setAttribute('role', 'status');
    out.push(p);
  }
  if (!props.result && !props.running && !props.error) out.push(el(doc, 'div', 'Waiting for a LAVA result…', 'lava-muted'));
  return out;
}

function title(doc: Document, res: LavaResult): HTMLElement {
  const t = el(doc, 'div', undefined, 'lava-title');
  const file = el(doc, 'strong', basename(res.source.file));
  file.title = res.source.file;
  const facts = [
    `${res.rowCount} rows`,
    `${res.features.length} features`,
    `${res.localities.count} localities of ${res.localities.size}`,
    `embedding: ${res.embedding.computed === 'umap' ? 'UMAP' : res.embedding.columns.join(', ')}`,
  ];
  t.append(file, el(doc, 'span', facts.join(' · '), 'lava-facts'));
  return t;
}

/**
 * Dropped rows (the engine has no note for them), then the engine's notes. Dropped features are not listed
 * here: the engine's notes say which it dropped and why, and a second line from droppedFeatures said it twice.
 */
function notes(doc: Document, res: LavaResult): HTMLElement | null {
  const lines: string[] = [];
  const dropped = res.droppedRows;
  if (dropped.count > 0) {
    const ex = dropped.examples.map((e) => `line ${e.line} (${e.column})`).join(', ');
    const rows = `${dropped.count} row${dropped.count === 1 ? '' : 's'}`;
    lines.push(`${rows} dropped for missing or non-numeric values${ex ? `: ${ex}` : ''}`);
  }
  lines.push(...res.notes);
  if (lines.length === 0) return null;
  // One line until opened: many notes (Fashion's dropped pixels) must not push the map below the fold.
  const box = el(doc, 'details', undefined, 'lava-notes');
  box.dataset.testid = 'notes';
  const summary = el(doc, 'summary');
  summary.append(el(doc, 'span', lines[0], 'lava-notes-first'));
  if (lines.length > 1) summary.append(el(doc, 'span', ` +${lines.length - 1} more`, 'lava-notes-more'));
  const ul = doc.createElement('ul');
  for (const line of lines) ul.append(el(doc, 'li', line));
  box.append(summary, ul);
  return box;
}

/** "3 strong modules (k = 3 chosen by stability from 2..16), 1 weak" beside the curve of stability against k. */
function modulesLine(doc: Document, res: LavaResult, props: HeaderProps): HTMLElement {
  const line = el(doc, 'div', undefined, 'lava-k-line');
  line.dataset.testid = 'k-line';
  line.append(el(doc, 'span', moduleCountLine(res), 'lava-k-text'));
  const curve = kCurve(doc, { result: res, theme: props.theme, enabled: !props.running && props.onPickK !== undefined, onPick: props.onPickK });
  if (curve) line.append(curve);
  return line;
}

export function renderHeader(container: HTMLElement, props: HeaderProps): void {
  const doc = container.ownerDocument;
  const root = el(doc, 'div', undefined, 'lava-header-info');
  root.dataset.testid = 'header';
  root.append(...statusLines(doc, props));
  const res = props.result;
  if (res) {
    root.append(title(doc, res), modulesLine(doc, res, props));
    const n = notes(doc, res);
    if (n) root.append(n);
    root.append(paramsTable(doc, res, props.appliedFrom));
  }
  container.replaceChildren(root);
}
