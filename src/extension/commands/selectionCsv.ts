// The CSV of a selection of rows: each row's line in the data file (its position, and name, for other files), its metadata (ids, labels), its place on the
// map and every module's activity there. Pure, so it is unit-tested without VS Code.
import { rowNumberHeading } from '../../shared/result/rowLabels';
import { metadataValue } from '../../shared/result/columns';
import type { LavaResult } from '../../shared/result/types';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or leading/trailing space. */
export function csvField(v: string | number | null): string {
  const s = v === null || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Embedding column names as the result gives them, or umap_1.. when LAVA computed the map. */
function embeddingNames(r: LavaResult): string[] {
  const { columns, dims } = r.embedding;
  return columns.length === dims ? columns : Array.from({ length: dims }, (_, k) => `umap_${k + 1}`);
}

/** Header then one line per row, in the order given (the selection's is ascending, i.e. file order). */
export function selectionCsv(r: LavaResult, rows: readonly number[]): string {
  const emb = embeddingNames(r);
  const header = [
    rowNumberHeading(r),
    ...(r.rowNames ? ['name'] : []),
    ...r.metadata.map((c) => c.name),
    ...emb,
    ...r.modules.map((m) => `M${m.id} activity`),
  ];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const fields: (string | number | null)[] = [r.rowLines[row]];
    if (r.rowNames) fields.push(r.rowNames[row]);
    for (const c of r.metadata) fields.push(metadataValue(c, row));
    for (let d = 0; d < emb.length; d++) fields.push(r.embedding.coords[row * r.embedding.dims + d]);
    for (const m of r.modules) fields.push(m.activity[row]);
    lines.push(fields.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** The rows' names where the file names them (one a line, to paste into a list), else their line numbers, for the clipboard. */
export function rowLineList(r: LavaResult, rows: readonly number[]): string {
  const names = r.rowNames;
  return names ? rows.map((row) => names[row]).join('\n') : rows.map((row) => r.rowLines[row]).join(', ');
}
