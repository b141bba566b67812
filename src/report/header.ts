// The report's header as static HTML: what was explained (data file, rows, features, options that were set and
// where from), by which tool version, and when the report was made (a result holds no run date: see reportHtml.ts).
import type { LavaResult } from '../shared/result/types';
import { escapeHtml } from '../shared/htmlPage';

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function valueText(v: unknown): string {
  return Array.isArray(v) ? (v.length ? v.join(', ') : '(auto)') : String(v);
}

/** Every option with its value and source; the ones not left at their default first, as they say most. */
function paramRows(r: LavaResult, appliedFrom: Record<string, string>): string {
  const rows = Object.entries(r.params).map(([key, value]) => ({
    key,
    value: valueText(value),
    from: appliedFrom[key] ?? 'default',
  }));
  rows.sort((a, b) => Number(a.from === 'default') - Number(b.from === 'default'));
  return rows
    .map((p) => `<tr><td>${escapeHtml(p.key)}</td><td>${escapeHtml(p.value)}</td><td>${escapeHtml(p.from)}</td></tr>`)
    .join('');
}

export interface HeaderFacts {
  result: LavaResult;
  /** Where each option came from (the result's paramSources). */
  appliedFrom: Record<string, string>;
  /** The data file as the report names it (relative to the report's folder). */
  dataFile: string;
  reportVersion: string;
  madeAt: Date;
}

export function reportHeader(f: HeaderFacts): string {
  const r = f.result;
  const set = Object.entries(f.appliedFrom).filter(([, from]) => from !== 'default').length;
  const facts = [
    `${r.source.rows} rows read, ${r.rowCount} kept`,
    `${r.features.length} features`,
    `${r.modules.length} modules`,
    `embedding: ${r.embedding.computed === 'umap' ? 'UMAP' : r.embedding.columns.join(', ')}`,
  ].join(' · ');
  const made = `${f.madeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<header class="lava-report-header" data-testid="report-header">
<h1>LAVA report: ${escapeHtml(basename(f.dataFile))}</h1>
<p class="lava-report-facts">Data <span title="${escapeHtml(f.dataFile)}">${escapeHtml(f.dataFile)}</span> · ${escapeHtml(facts)}</p>
<p class="lava-report-made">Explained by lava-explorer ${escapeHtml(r.tool.version)}; report made ${made} by lava-explorer ${escapeHtml(f.reportVersion)} (a result holds no run date, so that the same run gives the same bytes). Read-only: the views that need the data file say so.</p>
<details><summary>Parameters (${set} set, the rest defaults)</summary><table><tr><th>parameter</th><th>value</th><th>from</th></tr>${paramRows(r, f.appliedFrom)}</table></details>
</header>`;
}
