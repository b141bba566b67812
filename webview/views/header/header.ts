// The header: which file, how big, how many modules, and every parameter used with where it came from.
import type { LavaResult } from '../../../src/shared/result/types';

export interface HeaderProps {
  result: LavaResult | null;
  appliedFrom: Record<string, string>;
  running: { file: string; step: string; fraction: number } | null;
  error: string | null;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, cls?: string) {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(auto)';
  return String(v);
}

export function renderHeader(container: HTMLElement, props: HeaderProps): void {
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = el(doc, 'div', undefined, 'lava-header-info');
  root.dataset.testid = 'header';
  container.append(root);
  if (props.error) {
    const err = el(doc, 'div', props.error, 'lava-error');
    err.setAttribute('role', 'alert');
    root.append(err);
  }
  if (props.running) {
    const r = props.running;
    const p = el(
      doc,
      'div',
      `${basename(r.file)}: ${r.step} ${Math.round(r.fraction * 100)}%`,
      'lava-running',
    );
    p.setAttribute('role', 'status');
    root.append(p);
  }
  const res = props.result;
  if (!res) {
    if (!props.running && !props.error)
      root.append(el(doc, 'div', 'Waiting for a LAVA result…', 'lava-muted'));
    return;
  }
  const title = el(doc, 'div', undefined, 'lava-title');
  const file = el(doc, 'strong', basename(res.source.file));
  file.title = res.source.file;
  const facts = [
    `${res.rowCount} rows`,
    `${res.features.length} features`,
    `${res.modules.length} modules`,
    `${res.localities.count} localities of ${res.localities.size}`,
    `embedding: ${res.embedding.computed === 'umap' ? 'UMAP' : res.embedding.columns.join(', ')}`,
  ];
  title.append(file, el(doc, 'span', facts.join(' · '), 'lava-facts'));
  root.append(title);

  const warnings: string[] = [];
  if (res.droppedRows.count > 0) {
    const ex = res.droppedRows.examples.map((e) => `line ${e.line} (${e.column})`).join(', ');
    warnings.push(
      `${res.droppedRows.count} row${res.droppedRows.count === 1 ? '' : 's'} dropped for missing or non-numeric values${ex ? `: ${ex}` : ''}`,
    );
  }
  // Dropped features are not listed here: the engine's notes say which it dropped and why (constant, or
  // beyond maxFeatures), and a second line from droppedFeatures said it twice.
  for (const n of res.notes) warnings.push(n);
  if (warnings.length) {
    const ul = el(doc, 'ul', undefined, 'lava-notes');
    for (const w of warnings) ul.append(el(doc, 'li', w));
    root.append(ul);
  }

  const details = el(doc, 'details', undefined, 'lava-params');
  details.append(el(doc, 'summary', 'Parameters used'));
  const table = el(doc, 'table');
  const head = el(doc, 'tr');
  head.append(el(doc, 'th', 'parameter'), el(doc, 'th', 'value'), el(doc, 'th', 'from'));
  table.append(head);
  for (const [key, value] of Object.entries(res.params)) {
    const from = props.appliedFrom[key] ?? res.paramSources?.[key as keyof typeof res.params] ?? 'default';
    const tr = el(doc, 'tr');
    tr.append(el(doc, 'td', key), el(doc, 'td', valueText(value)), el(doc, 'td', from, 'lava-muted'));
    table.append(tr);
  }
  const fitted = el(doc, 'tr');
  fitted.append(
    el(doc, 'td', 'α, β (fitted)'),
    el(doc, 'td', `${res.alpha.toFixed(3)}, ${res.beta.toFixed(3)} (J = ${res.objective.toExponential(2)})`),
    el(doc, 'td', `DIRECT, ${res.directEvaluations} evaluations`, 'lava-muted'),
  );
  const thr = el(doc, 'tr');
  thr.append(
    el(doc, 'td', '|r| threshold'),
    el(doc, 'td', res.correlationThreshold.toFixed(3)),
    el(doc, 'td', 'from alpha and n', 'lava-muted'),
  );
  table.append(fitted, thr);
  details.append(table);
  root.append(details);
}
