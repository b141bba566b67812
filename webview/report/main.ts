// The standalone report's entry (src/report writes it into one HTML file): the explorer, read-only, fed by an
// in-page host from the result embedded in the page; light or dark as the reader's system prefers.
// First, before any module builds a zod schema: no eval under the report's CSP either.
import '../util/noEval';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '../styles.css';
import './report.css';
import { startApp } from '../app';
import { reportHost, type ReportMeta } from './reportHost';

function embedded(id: string): string {
  const text = document.getElementById(id)?.textContent;
  if (!text) throw new Error(`this report lacks its ${id} block`);
  return text;
}

const log = (line: string) => console.warn(`[lava report] ${line}`);
const host = reportHost(embedded('lava-result'), JSON.parse(embedded('lava-report-meta')) as ReportMeta, log);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
// Marks the page read-only for report.css (no "Try again" where the answer needs the data file).
root.dataset.readOnly = 'true';
const app = startApp(root, host.api, { readOnly: true, log });
host.connect((m) => app.receive(m));

// The theme variables switch with prefers-color-scheme (report.css); the map and heatmaps read them again.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => app.refreshTheme());

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => app.resize(), 150);
}).observe(root);
