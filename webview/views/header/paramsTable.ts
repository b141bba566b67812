// "Parameters used": every option's value and where it came from, then the values LAVA fitted.
import type { LavaResult } from '../../../src/shared/result/types';
import { el } from '../../util/dom';

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(auto)';
  return String(v);
}

function row(doc: Document, key: string, value: string, from: string): HTMLTableRowElement {
  const tr = el(doc, 'tr');
  tr.append(el(doc, 'td', key), el(doc, 'td', value), el(doc, 'td', from, 'lava-muted'));
  return tr;
}

/** `appliedFrom` (what the host says it applied) wins over the result's own paramSources; else a default. */
export function paramsTable(doc: Document, res: LavaResult, appliedFrom: Record<string, string>): HTMLElement {
  const details = el(doc, 'details', undefined, 'lava-params');
  details.append(el(doc, 'summary', 'Parameters used'));
  const table = el(doc, 'table');
  const head = el(doc, 'tr');
  head.append(el(doc, 'th', 'parameter'), el(doc, 'th', 'value'), el(doc, 'th', 'from'));
  table.append(head);
  for (const [key, value] of Object.entries(res.params)) {
    const from = appliedFrom[key] ?? res.paramSources?.[key as keyof typeof res.params] ?? 'default';
    table.append(row(doc, key, valueText(value), from));
  }
  table.append(
    row(
      doc,
      'α, β (fitted)',
      `${res.alpha.toFixed(3)}, ${res.beta.toFixed(3)} (J = ${res.objective.toExponential(2)})`,
      `DIRECT, ${res.directEvaluations} evaluations`,
    ),
    row(doc, '|r| threshold', res.correlationThreshold.toFixed(3), 'from alpha and n'),
  );
  details.append(table);
  return details;
}
