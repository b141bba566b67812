// Issue 10's budget: a result file within 25 bytes per row at k = 8. Measured here on a planted 6,000 x 50 set
// run through the pipeline (README gives the 100,000-row figure: bench/resultBytes.ts). Members cost a little
// more per row on larger sets (their gaps grow), the fixed parts (pairs, patterns) less, hence the margins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePlanted } from '../../../fixtures/planted';
import { resultBytes } from '../../../fixtures/resultBytes';
import { runPipeline } from '../../../src/engine/pipeline';
import { encodeResult } from '../../../src/shared/result/encode';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { tempDir } from '../../cli/helpers';

test(
  'a planted 6000 x 50 result at k = 8 takes under 25 bytes per row packed, its per-row arrays under 20',
  { timeout: 180_000 },
  async () => {
    const csv = join(tempDir(), 'p.csv');
    writeFileSync(csv, generatePlanted(3, { samples: 6000, features: 50 }).csv);
    const { result } = await runPipeline({ file: csv, params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'] } });
    assert.equal(result.modules.length, 8);
    const packed = resultBytes(encodeResult(result));
    const plain = resultBytes(encodeResult(result, { plainArrays: true }));
    const perRow = (n: number) => n / result.rowCount;
    const report = JSON.stringify(
      Object.fromEntries(Object.entries(packed.parts).map(([k, v]) => [k, +perRow(v).toFixed(2)])),
    );
    assert.ok(perRow(packed.total) < 25, `${perRow(packed.total).toFixed(2)} bytes per row: ${report}`);
    assert.ok(
      perRow(packed.perRowParts) < 20,
      `per-row arrays ${perRow(packed.perRowParts).toFixed(2)} bytes per row: ${report}`,
    );
    assert.ok(plain.total > 3.5 * packed.total, `plain ${plain.total} bytes against packed ${packed.total}`);
  },
);
