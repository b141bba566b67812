// The audit's corpus (test/data/audit/cases.json): every case it found keeps its expected exit code and line, prints
// one inert line, leaves its input files as they were and no temp file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main';
import { tempDir } from './helpers';

const AUDIT = resolve(__dirname, '../data/audit');

interface AuditCase {
  name: string;
  /** A folder of the corpus copied whole (a config beside its data), else just the data file. */
  folder?: string;
  data: string;
  args?: string[];
  code: 0 | 2;
  /** Over the line printed: the summary for exit 0, the error (after "lava: ") for exit 2. */
  expect: string;
}

const { cases } = JSON.parse(readFileSync(join(AUDIT, 'cases.json'), 'utf8')) as { cases: AuditCase[] };

/** Every file of a folder (recursively, .git aside) with the hash of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const p = join(entry.parentPath, entry.name);
    out.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
}

for (const c of cases) {
  test(`audit: ${c.name}`, async () => {
    const dir = tempDir('lava-audit-');
    mkdirSync(join(dir, '.git')); // no .lava.json above the case is read
    if (c.folder) cpSync(join(AUDIT, c.folder), dir, { recursive: true });
    else cpSync(join(AUDIT, c.data), join(dir, c.data));
    const data = join(dir, c.data);
    const args = (c.args ?? []).map((a) => a.replaceAll('{dir}', dir).replaceAll('{data}', data));
    const before = snapshot(dir);
    let stdout = '';
    let stderr = '';
    const code = await main(['explain', data, ...args], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    assert.equal(code, c.code, stderr);
    const printed = code === 0 ? stdout : stderr.replace(/^lava: /, '');
    assert.match(printed, /^[^\n]*\n$/, `one line: ${JSON.stringify(printed)}`);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    assert.doesNotMatch(printed.slice(0, -1), /[\u0000-\u001f\u007f-\u009f]/, 'nothing a terminal acts on');
    assert.match(printed.slice(0, -1), new RegExp(c.expect));
    const after = snapshot(dir);
    for (const [file, hash] of before) assert.equal(after.get(file), hash, `${file} is unchanged`);
    const written = [...after.keys()].filter((f) => !before.has(f));
    assert.deepEqual(
      written,
      code === 0 ? [data.replace(/\.\w+$/, '.lava.json')] : [],
      'the result, or nothing',
    );
  });
}
