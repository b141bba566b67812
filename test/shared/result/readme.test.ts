// The README's readers of a result, run as printed there on a real result file: the Python decoder (numpy)
// must give the numbers decodeResult gives, and the jq line the modules' names. CI installs python3-numpy and jq.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatePlanted } from '../../../fixtures/planted';
import { runPipeline } from '../../../src/engine/pipeline';
import { encodeResult } from '../../../src/shared/result/encode';
import { decodeResult } from '../../../src/shared/result/decode';
import { metadataValue } from '../../../src/shared/result/columns';
import { DEFAULT_PARAMS } from '../../../src/shared/params/types';
import { tempDir } from '../../cli/helpers';
import { assertSameArray } from './sameResult';

const README = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');

/** The README's section on reading results (up to the next heading of its level or above). */
function section(): string {
  const start = README.indexOf('### Reading a result');
  assert.ok(start >= 0, 'README has "### Reading a result"');
  const end = README.slice(start + 4).search(/\n#{2,3} /);
  return README.slice(start, end < 0 ? undefined : start + 4 + end);
}

function fenced(lang: string): string {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section());
  assert.ok(m, `the section has a ${lang} block`);
  return m[1];
}

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const noNumpy = has('python3', ['-c', 'import numpy']) ? false : 'python3 with numpy is not installed';
const noJq = has('jq', ['--version']) ? false : 'jq is not installed';

/** A real result: a planted set (with a text column) run through the pipeline, written packed. */
async function resultFile(): Promise<string> {
  const dir = tempDir();
  const csv = join(dir, 'p.csv');
  writeFileSync(csv, generatePlanted(11, { samples: 900, features: 15, blobs: 4, modules: 3 }).csv);
  const { result } = await runPipeline({
    file: csv,
    params: { ...DEFAULT_PARAMS, embedding: ['x', 'y'], modules: 4 },
  });
  const out = join(dir, 'p.lava.json');
  writeFileSync(out, encodeResult(result));
  return out;
}

// Prints what load() gives, as lists of numbers (and strings), for the comparison below.
const DRIVER = `
import json, sys
r = load(sys.argv[1])
flat = lambda a: [float(x) for x in a.ravel()]
print(json.dumps({
    "coords": flat(r["embedding"]["coords"]),
    "shape": list(r["embedding"]["coords"].shape) + list(r["localities"]["members"].shape),
    "probes": flat(r["probes"]),
    "rowLines": flat(r["rowLines"]),
    "members": flat(r["localities"]["members"]),
    "metadata": [[str(v) for v in c["values"]] for c in r["metadata"]],
    "modules": [{k: flat(m[k]) for k in ("pattern", "activity", "loadings")} for m in r["modules"]],
}))
`;

test(
  "the README's Python decoder reads a real result as decodeResult does",
  { skip: noNumpy, timeout: 120_000 },
  async () => {
    const file = await resultFile();
    const want = decodeResult(readFileSync(file, 'utf8'), file);
    const run = spawnSync('python3', ['-c', fenced('python') + DRIVER, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    assert.equal(run.status, 0, run.stderr);
    const got = JSON.parse(run.stdout);
    const E = want.rowCount;
    assert.deepEqual(got.shape, [E, 2, want.localities.count, want.localities.size]);
    assertSameArray(got.coords, want.embedding.coords, 'coords');
    assertSameArray(got.probes, want.probes, 'probes');
    assertSameArray(got.rowLines, want.rowLines, 'rowLines');
    assertSameArray(got.members, want.localities.members, 'members');
    assert.deepEqual(
      got.metadata,
      want.metadata.map((c) => Array.from({ length: E }, (_, i) => String(metadataValue(c, i)))),
    );
    assert.ok(
      want.metadata.some((c) => c.kind === 'text'),
      'the planted set has a text column (blob)',
    );
    want.modules.forEach((m, i) => {
      assertSameArray(got.modules[i].pattern, m.pattern, `modules[${i}].pattern`);
      assertSameArray(got.modules[i].loadings, m.loadings, `modules[${i}].loadings`);
      // numpy multiplies the codes in float64, decodeResult keeps Float32: one rounding apart.
      const max = Math.max(...m.activity);
      assertSameArray(got.modules[i].activity, m.activity, `modules[${i}].activity`, max * 2 ** -23);
    });
  },
);

test("the README's jq line lists the modules' ids and names", { skip: noJq, timeout: 120_000 }, async () => {
  const file = await resultFile();
  const line = /^jq .* DATA\.lava\.json$/m.exec(fenced('sh'))?.[0];
  assert.ok(line, 'a jq line on DATA.lava.json');
  // Run by a shell as a reader would type it, on the real file ("'" never occurs in a temporary folder's path).
  const run = spawnSync('sh', ['-c', line.replace('DATA.lava.json', `'${file}'`)], { encoding: 'utf8' });
  const want = decodeResult(readFileSync(file, 'utf8'), file).modules.map((m) => `${m.id}\t${m.name}`);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.stdout.trimEnd().split('\n'), want);
});
