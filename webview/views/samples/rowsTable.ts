// A table of rows: each row's line in the data file (a button that opens the file there; for other files its
// position, and its name where the file names rows), its metadata and, when known, some of its feature values.
// Shared by the samples of a locality and the map selection.
import { rowNumberHeading, rowsAreLines } from '../../../src/shared/result/rowLabels';
import type { LavaResult } from '../../../src/shared/result/types';
import { el } from '../../util/dom';
import { metadataValue } from '../../../src/shared/result/columns';

export interface RowsTableProps {
  result: LavaResult;
  rows: ArrayLike<number>;
  /** At most this many rows are listed; the rest are counted. */
  limit: number;
  /** Opens the data file at a row; without it (a report page) line numbers are plain text. */
  onOpen?: (row: number) => void;
  /** Feature values to show: `columns` are feature positions; values is rows x features (all of them), row-major. */
  values?: { features: readonly string[]; columns: readonly number[]; values: Float32Array };
  testId?: string;
}

function formatValue(v: number | string | null): string {
  if (typeof v !== 'number') return v ?? '';
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

export function renderRowsTable(container: HTMLElement, p: RowsTableProps): void {
  const doc = container.ownerDocument;
  const r = p.result;
  const table = el(doc, 'table', undefined, 'lava-rows');
  if (p.testId) table.dataset.testid = p.testId;
  const head = el(doc, 'tr');
  head.append(el(doc, 'th', rowNumberHeading(r)));
  if (r.rowNames) head.append(el(doc, 'th', 'name'));
  for (const c of r.metadata) head.append(el(doc, 'th', c.name));
  for (const f of p.values?.columns ?? []) head.append(el(doc, 'th', p.values!.features[f]));
  table.append(head);
  const F = p.values?.features.length ?? 0;
  const shown = Math.min(p.rows.length, p.limit);
  for (let k = 0; k < shown; k++) {
    const row = p.rows[k];
    const tr = el(doc, 'tr');
    const line = el(doc, 'td');
    // Only a text file's rows are lines the editor can open it at.
    const onOpen = rowsAreLines(r) ? p.onOpen : undefined;
    if (onOpen) {
      const open = el(doc, 'button', String(r.rowLines[row]), 'lava-link');
      open.dataset.testid = 'open-row';
      open.dataset.row = String(row);
      open.title = `Open the data file at line ${r.rowLines[row]}`;
      open.addEventListener('click', () => onOpen(row));
      line.append(open);
    } else line.textContent = String(r.rowLines[row]);
    tr.append(line);
    if (r.rowNames) tr.append(el(doc, 'td', r.rowNames[row]));
    for (const c of r.metadata) tr.append(el(doc, 'td', formatValue(metadataValue(c, row))));
    for (const f of p.values?.columns ?? [])
      tr.append(el(doc, 'td', formatValue(p.values!.values[k * F + f])));
    table.append(tr);
  }
  container.append(table);
  if (p.rows.length > shown)
    container.append(el(doc, 'p', `and ${p.rows.length - shown} more rows`, 'lava-muted'));
}
