// One self-contained HTML page for a result: the explorer's script and styles inline (allowed by their hashes),
// the codicon font as a data: URL, the result text as a JSON block, and a CSP that lets the page reach nothing
// outside itself, so it opens from file:// offline and can make no request.
import { createHash } from 'node:crypto';
import type { LavaResult } from '../shared/result/types';
import type { SourceSchema } from '../shared/result/summary';
import type { z } from 'zod';
import type { ReportAssets } from './assets';
import { reportHeader } from './header';
import { htmlPage } from '../shared/htmlPage';

export interface ReportInput {
  /** The result file's text with its source named from the report's folder (engine/io relocateResultText). */
  text: string;
  /** The same result decoded (the header and the root's counts come from it). */
  result: LavaResult;
  assets: ReportAssets;
  reportVersion: string;
  madeAt: Date;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Text for a <script> or <style> element: it must not hold the closing tag (nor, in a script, "<!--", which
 * changes how the parser looks for it). The bundles never do; a bundle that did would end the element early.
 */
function rawElementText(text: string, tag: 'script' | 'style'): string {
  if (new RegExp(`</${tag}|<!--`, 'i').test(text)) throw new Error(`the report's ${tag} holds "</${tag}" or "<!--"`);
  return text;
}

/** JSON inside <script type="application/json">: "<" only occurs in JSON strings, where \u003c means the same. */
function jsonBlock(text: string): string {
  return text.replace(/</g, '\\u003c');
}

/** A data: URL for text, escaping only what a URL in a double-quoted attribute cannot hold (base64 stays as is). */
function dataUrl(mime: string, text: string): string {
  return `data:${mime},${text.replace(/[^A-Za-z0-9+/=:;,._\-()!*']/g, (c) => encodeURIComponent(c))}`;
}

/** The codicon stylesheet with its font inlined and its comments and line breaks dropped. */
function codiconStylesheet(assets: ReportAssets): string {
  const font = `url("data:font/ttf;base64,${assets.codiconFont.toString('base64')}")`;
  return assets.codiconCss
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/url\(["']?\.\/codicon\.ttf[^)"']*["']?\)/, font)
    .replace(/\s*\n\s*/g, '');
}

export function reportHtml(input: ReportInput): string {
  const { result, assets } = input;
  const script = rawElementText(assets.script, 'script');
  const style = rawElementText(assets.style, 'style');
  const appliedFrom: Record<string, string> = { ...result.paramSources };
  const meta = { source: result.source satisfies z.infer<typeof SourceSchema>, appliedFrom };
  const csp = [
    "default-src 'none'",
    'img-src data: blob:',
    `style-src ${sha256(style)} data:`,
    'font-src data:',
    `script-src ${sha256(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ];
  const header = reportHeader({
    result,
    appliedFrom,
    dataFile: result.source.file,
    reportVersion: input.reportVersion,
    madeAt: input.madeAt,
  });
  return htmlPage({
    csp,
    title: `LAVA report: ${result.source.file.split(/[\\/]/).pop() ?? ''}`,
    noReferrer: true,
    head: `<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${dataUrl('text/css', codiconStylesheet(assets))}">
<style>${style}</style>`,
    body: `<div data-testid="report-root" data-module-count="${result.modules.length}" data-point-count="${result.rowCount}">
${header}
<div id="app"></div>
</div>
<script type="application/json" id="lava-report-meta">${jsonBlock(JSON.stringify(meta))}</script>
<script type="application/json" id="lava-result">${jsonBlock(input.text)}</script>
<script>${script}</script>`,
  });
}

