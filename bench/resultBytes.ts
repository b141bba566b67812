// Bytes per row of a result file, packed (the default) and with --plain-arrays, on a planted set run in-process
// at the default options (k = 8 modules): the figure for issue 10's budget of 25 bytes per row.
//   node --import tsx bench/resultBytes.ts [--rows 100000] [--features 50]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePlanted } from '../fixtures/planted';
import { resultBytes } from '../fixtures/resultBytes';
import { runPipeline } from '../src/engine/pipeline';
import { encodeResult } from '../src/shared/result/encode';
import { DEFAULT_PARAMS } from '../src/shared/params/types';
import { numberArg } from './args';

async function main(): Promise<void> {
  const rows = numberArg('--rows', 100000);
  const features = numberArg('--features', 50);
  const dir = mkdtempSync(join(tmpdir(), 'lava-bytes-'));
  try {
    const csv = join(dir, 'planted.csv');
    await writePlanted(3, csv, { samples: rows, features });
    const { result } = await runPipeline({ file: csv, params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'] } });
    const perRow = (n: number) => +(n / result.rowCount).toFixed(2);
    for (const plainArrays of [false, true]) {
      const t0 = performance.now();
      const text = encodeResult(result, { plainArrays });
      const ms = performance.now() - t0;
      const b = resultBytes(text);
      console.log(
        JSON.stringify({
          form: plainArrays ? 'plain' : 'packed',
          rows: result.rowCount,
          modules: result.modules.length,
          bytesPerRow: perRow(b.total),
          perRowPartsPerRow: perRow(b.perRowParts),
          partsPerRow: Object.fromEntries(Object.entries(b.parts).map(([k, v]) => [k, perRow(v)])),
          MB: +(b.total / 1e6).toFixed(2),
          encodeMs: Math.round(ms),
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
