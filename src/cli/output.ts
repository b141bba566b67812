// What `lava explain` prints: a progress bar on stderr (a terminal only) and a one-paragraph summary.
import type { LavaResult } from '../shared/result/types';
import { overallFraction, type Step } from '../shared/steps';

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

export function summary(result: LavaResult, out: string): string {
  const dropped = result.droppedFeatures.length ? ` (${result.droppedFeatures.length} dropped)` : '';
  const rows = result.droppedRows.count
    ? ` (${result.droppedRows.count} rows dropped, first at line ${result.droppedRows.examples[0]?.line})`
    : '';
  const mods = result.modules
    .slice(0, 3)
    .map((m) => `#${m.id} ${m.name} (${m.localityCount} localities)`)
    .join('; ');
  const secs = ((result.timings.total ?? 0) / 1000).toFixed(1);
  return (
    `Explained ${result.source.file}: ${result.rowCount} rows${rows} x ${result.features.length} features${dropped}, ` +
    `embedding ${result.embedding.columns.join(',')} (${result.embedding.computed}); ` +
    `${result.localities.count} localities of ${result.localities.size} (alpha ${result.alpha.toFixed(3)}, beta ${result.beta.toFixed(3)}); ` +
    `${result.modules.length} modules, strongest: ${mods}. ` +
    (result.notes.length ? `Notes: ${result.notes.join('; ')}. ` : '') +
    (result.source.config ? `Options from ${result.source.config}. ` : '') +
    `Wrote ${out} in ${secs} s.`
  );
}
