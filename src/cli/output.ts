// What `lava explain` prints: a progress bar on stderr (a terminal only) and a summary: the run, then how many modules
// are strong and how k was set, one line per strong module.
import type { LavaResult, ModuleResult } from '../shared/result/types';
import { moduleCountLine } from '../shared/result/selection';
import { overallFraction, type Step } from '../shared/steps';
import { printable } from '../shared/printable';

export function progressBar(enabled: boolean) {
  let last = '';
  return {
    update(step: Step, fraction: number) {
      if (!enabled) return;
      const all = overallFraction(step, fraction);
      const width = 30;
      const filled = Math.round(all * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(all * 100)).padStart(3)}% ${step}`;
      if (line !== last) {
        process.stderr.write(`\r${line.padEnd(60)}`);
        last = line;
      }
    },
    clear() {
      if (enabled && last) process.stderr.write(`\r${' '.repeat(60)}\r`);
    },
  };
}

/** One strong module: "M0 f013, f014 · 51% b6: strength 0.36, stability 1.00, p 0.01, r 0.75 where active, 32 of 120 localities". */
function moduleLine(m: ModuleResult, localities: number): string {
  return (
    `  M${m.id} ${m.name}: strength ${m.strength.toFixed(2)}, stability ${m.stability.toFixed(2)}, ` +
    `p ${m.significance.toFixed(2)}, r ${m.rWhereActive.toFixed(2)} where active, ` +
    `active in ${m.localityCount} of ${localities} localities`
  );
}

/** The summary's lines, each made printable on its own (text from the data can neither split nor join them). */
export function summary(result: LavaResult, out: string): string {
  return summaryLines(result, out).map(printable).join('\n');
}

function summaryLines(result: LavaResult, out: string): string[] {
  const dropped = result.droppedFeatures.length ? ` (${result.droppedFeatures.length} dropped)` : '';
  const rows = result.droppedRows.count
    ? ` (${result.droppedRows.count} rows dropped, first at line ${result.droppedRows.examples[0]?.line})`
    : '';
  const secs = ((result.timings.total ?? 0) / 1000).toFixed(1);
  const lines = [
    `Explained ${result.source.file}: ${result.rowCount} rows${rows} x ${result.features.length} features${dropped}, ` +
      `embedding ${result.embedding.columns.join(',')} (${result.embedding.computed}); ` +
      `${result.localities.count} localities of ${result.localities.size} (alpha ${result.alpha.toFixed(3)}, beta ${result.beta.toFixed(3)}).`,
    `${moduleCountLine(result)}${result.modules.some((m) => m.strong) ? ':' : '.'}`,
    ...result.modules.filter((m) => m.strong).map((m) => moduleLine(m, result.localities.count)),
  ];
  if (result.notes.length) lines.push(`Notes: ${result.notes.join('; ')}.`);
  if (result.source.config) lines.push(`Options from ${result.source.config}.`);
  lines.push(`Wrote ${out} in ${secs} s.`);
  return lines;
}
