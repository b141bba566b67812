// The built files a report inlines: the report page's script and styles (dist/report.*, scripts/build.mjs) and
// the codicon stylesheet and font. Read from beside the running bundle, or from dist/ when run from source.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReportAssets {
  script: string;
  style: string;
  codiconCss: string;
  codiconFont: Buffer;
}

const FILES = ['report.js', 'report.css', 'codicon.css', 'codicon.ttf'];

/** The folder holding the built report files: the bundle's own (dist/cli.js, dist/extension.js), else ../../dist. */
export function assetsFolder(): string {
  const candidates = [__dirname, join(__dirname, '..', '..', 'dist')];
  const found = candidates.find((d) => FILES.every((f) => existsSync(join(d, f))));
  if (!found)
    throw new Error(`the report's page is not built (looked for ${FILES.join(', ')} in ${candidates.join(' and ')}): run node scripts/build.mjs`);
  return found;
}

export function loadReportAssets(folder = assetsFolder()): ReportAssets {
  const text = (name: string) => readFileSync(join(folder, name), 'utf8');
  return {
    script: text('report.js'),
    style: text('report.css'),
    codiconCss: text('codicon.css'),
    codiconFont: readFileSync(join(folder, 'codicon.ttf')),
  };
}
