// Writing a report of a result: the result checked as any result file is (a bad one is refused naming the file
// and the key), its data file named from the report's folder, the page assembled and written atomically.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { relocateResultText, resultForFile, resultFromFile, sourceFromFile, writeFileAtomic } from '../engine/io/resultFile';
import { TOOL_VERSION } from '../engine/result';
import { LavaInputError } from '../shared/errors';
import { decodeResult } from '../shared/result/decode';
import type { LavaResult } from '../shared/result/types';
import { loadReportAssets, type ReportAssets } from './assets';
import { reportHtml } from './reportHtml';

/** Where a report goes beside its result: NAME.lava.json (or NAME.json) -> NAME.report.html. */
export function reportPathBeside(resultPath: string): string {
  const name = basename(resultPath).replace(/(\.lava)?\.json$/i, '');
  return join(dirname(resultPath), `${name}.report.html`);
}

export interface ReportOptions {
  assets?: ReportAssets;
  /** When the report is made (the header says so); now by default. */
  madeAt?: Date;
  /** Called before writing with the files the report must not replace (the result, its data): throws to refuse. */
  checkOut?: (inputs: string[]) => void;
}

/**
 * The report page for a result text. `from` names the text in errors and is where its relative paths start;
 * `absolute` (its source and params with absolute paths) replaces the text's own when the caller knows them
 * better (the extension's panel, whose result may be stored elsewhere).
 */
export function buildReport(
  text: string,
  from: string,
  outPath: string,
  opts: ReportOptions & { absolute?: Pick<LavaResult, 'source' | 'params'> } = {},
): { html: string; result: LavaResult } {
  const decoded = resultFromFile(decodeResult(text, from), from);
  const absolute = opts.absolute ? { ...decoded, ...opts.absolute } : decoded;
  const result = resultForFile(absolute, outPath);
  const html = reportHtml({
    text: relocateResultText(text, absolute.source, absolute.params, outPath),
    result,
    assets: opts.assets ?? loadReportAssets(),
    reportVersion: TOOL_VERSION,
    madeAt: opts.madeAt ?? new Date(),
  });
  return { html, result };
}

/** Reads the result file, builds its report and writes it at `outPath` atomically; returns what it wrote. */
export async function writeReport(
  resultPath: string,
  outPath: string,
  opts: ReportOptions = {},
): Promise<{ bytes: number; result: LavaResult }> {
  const text = await readFile(resultPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new LavaInputError(
      `cannot read the result (${e.code ?? e.message})`,
      { file: resultPath },
      'Give the path of a result written by "lava explain" (NAME.lava.json).',
    );
  });
  const { html, result } = buildReport(text, resultPath, outPath, opts);
  const data = sourceFromFile(result.source, outPath).file;
  opts.checkOut?.(data ? [resultPath, data] : [resultPath]);
  await writeFileAtomic(outPath, html);
  return { bytes: Buffer.byteLength(html, 'utf8'), result };
}
