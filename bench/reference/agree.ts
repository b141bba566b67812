// Scores LAVA results (ours or a reference's JSON) against a planted truth, and says how far their modules agree.
// Run: npx tsx bench/reference/agree.ts [--truth TRUTH.json] RESULT.json [RESULT.json ...]
import { readFileSync } from 'node:fs';
import { scorePlanted, type ScorableResult } from '../../fixtures/scorePlanted';
import type { PlantedTruth } from '../../fixtures/planted';
import { moduleAgreement } from '../stats';
import { readAnyResult } from '../readResult';

const USAGE = 'usage: npx tsx bench/reference/agree.ts [--truth TRUTH.json] RESULT.json [RESULT.json ...]\n';

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function main(argv: string[]): number {
  const t = argv.indexOf('--truth');
  const truthPath = t >= 0 ? argv[t + 1] : undefined;
  const paths = t >= 0 ? argv.filter((_, i) => i !== t && i !== t + 1) : argv;
  if (paths.length === 0 || (t >= 0 && !truthPath)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const results = paths.map((p) => readAnyResult<ScorableResult>(p));
  if (truthPath) {
    const truth = readJson<PlantedTruth>(truthPath);
    results.forEach((r, i) => {
      const s = scorePlanted(r, truth);
      const per = s.modules.map((m) => `cos ${m.cos.toFixed(2)} auc ${m.auc.toFixed(2)}`).join('; ');
      process.stdout.write(`${paths[i]}: ${s.verdict} (${per})\n`);
    });
  }
  // Agreement as the bench reports it: for each module of the first, the best pattern cosine among the second's.
  for (let i = 0; i < results.length; i++)
    for (let j = i + 1; j < results.length; j++) {
      const a = moduleAgreement(results[i].modules, results[j].modules);
      process.stdout.write(
        `modules of ${paths[i]} found in ${paths[j]}: mean best cosine ${a.mean.toFixed(3)} (min ${a.min.toFixed(3)}; mass-weighted ${a.weighted.toFixed(3)})\n`,
      );
    }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
