// `lava report RESULT.json [--out REPORT.html]`: one self-contained HTML file showing the result read-only, to
// send to someone without VS Code. Never written over the result or its data file; written atomically.
import { parseArgs } from 'node:util';
import { reportPathBeside, writeReport } from '../report/writeReport';
import { printable } from '../shared/printable';
import { UsageError } from './args';
import { checkOutPath, unwritable } from './outPath';
import type { Output } from './main';

export const REPORT_USAGE = `Usage: lava report RESULT.json [--out REPORT.html]

Writes one self-contained HTML file showing the result (map, modules, heatmaps) read-only: it opens offline
from file:// in a browser and makes no request. The data file is not needed and not included.

  --out REPORT.html  where to write the report (default: RESULT.report.html beside RESULT.lava.json)
  --quiet            print nothing when done
  --help             this text`;

export async function report(argv: string[], io: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(REPORT_USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one result file (lava report RESULT.json)');
  const resultPath = positionals[0];
  const out = values.out ?? reportPathBeside(resultPath);
  checkOutPath(out, [resultPath]);
  // The data file the result names is an input too: a report never replaces it (nor the result).
  const { bytes, result } = await writeReport(resultPath, out, { checkOut: (inputs) => checkOutPath(out, inputs) }).catch(
    (e: unknown) => {
      throw unwritable(out, e);
    },
  );
  if (!values.quiet)
    io.stdout(
      printable(`wrote ${out}: ${result.modules.length} modules, ${result.rowCount} points, ${(bytes / 1e6).toFixed(2)} MB`) +
        '\n',
    );
  return 0;
}
