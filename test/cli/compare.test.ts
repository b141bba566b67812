// `lava compare` end to end: two results of a planted set over two embeddings of the same rows, the strong-module
// gate of a pipeline (exit 3), and the refusal of results of different row counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePlanted } from '../../fixtures/planted';
import { decodeComparison } from '../../src/shared/compare/codec';
import { lava, tempDir } from './helpers';

/**
 * The planted set with a second map of its rows: u, v = the x, y map rotated a quarter turn, mirrored, scaled
 * and jittered a little (a deterministic wobble), as another embedding of the same data would place them.
 */
async function plantedWithTwoMaps(dir: string): Promise<string> {
  const csv = join(dir, 'planted.csv');
  await writePlanted(3, csv, { samples: 3000, features: 30, blobs: 6, modules: 4 });
  const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
  const out = lines.map((line, i) => {
    if (i === 0) return `${line},u,v`;
    const [x, y] = line.split(',').map(Number);
    return `${line},${(3 * y + 0.05 * Math.sin(i)).toFixed(5)},${(3 * x + 0.05 * Math.cos(i)).toFixed(5)}`;
  });
  writeFileSync(csv, out.join('\n') + '\n');
  return csv;
}

test('two maps of a planted set: the planted modules match with cosine > 0.9, neighbourhoods mostly kept', async () => {
  const dir = tempDir();
  const csv = await plantedWithTwoMaps(dir);
  const a = join(dir, 'xy.lava.json');
  const b = join(dir, 'uv.lava.json');
  for (const [out, emb, meta] of [[a, 'x,y', 'u,v'], [b, 'u,v', 'x,y']])
    assert.equal(lava(['explain', csv, '--embedding', emb, '--metadata', `${meta},blob`, '--out', out, '--quiet']).code, 0);
  const r = lava(['compare', a, b]);
  assert.equal(r.code, 0, r.stderr);
  const file = join(dir, 'xy-vs-uv.lava-compare.json');
  const c = decodeComparison(readFileSync(file, 'utf8'), file);
  assert.equal(c.a.file, 'xy.lava.json');
  assert.equal(c.b.file, 'uv.lava.json');
  assert.equal(c.neighbourhood.kept.length, 3000);
  // Four planted modules: at least four pairs above 0.9 (any further modules fit noise and may not match).
  const strong = c.matched.filter((m) => m.cosine > 0.9);
  assert.ok(strong.length >= 4, JSON.stringify(c.matched));
  assert.ok(c.neighbourhood.summary.mean > 0.5, `mean overlap ${c.neighbourhood.summary.mean}`);
  const mean = c.matched.reduce((s, m) => s + m.cosine, 0) / c.matched.length;
  assert.match(r.stdout, new RegExp(`^${c.matched.length} matched \\(mean cosine ${mean.toFixed(2)}\\), ${c.onlyA.length} only in A`));
  assert.match(r.stdout, new RegExp(`neighbourhoods kept ${Math.round(c.neighbourhood.summary.mean * 100)}% on average`));

  // A pipeline's gate: mark A's best-matched module strong and drop it from B.
  const lost = c.matched[0];
  const aj = JSON.parse(readFileSync(a, 'utf8'));
  for (const m of aj.modules) m.strong = m.id === lost.a;
  writeFileSync(join(dir, 'a-strong.lava.json'), JSON.stringify(aj));
  const bj = JSON.parse(readFileSync(b, 'utf8'));
  bj.modules = bj.modules.filter((m: { id: number }) => m.id !== lost.b);
  bj.moduleSelection.chosen = bj.modules.length; // a result holds as many modules as its chosen k
  writeFileSync(join(dir, 'b-less.lava.json'), JSON.stringify(bj));
  const gate = lava(['compare', 'a-strong.lava.json', 'b-less.lava.json', '--out', 'gate.json', '--fail-on-lost-strong'], dir);
  assert.equal(gate.code, 3, gate.stderr);
  assert.match(gate.stdout, new RegExp(`only in A: .*M${lost.a} \\(strong\\)`));
  assert.match(gate.stderr, new RegExp(`1 strong module of a-strong.lava.json not matched in B: M${lost.a}\\n`));
  const g = decodeComparison(readFileSync(join(dir, 'gate.json'), 'utf8'), 'gate.json');
  assert.deepEqual([g.a.strong, g.lostStrong], [1, [lost.a]]);
  // Without the flag, the same comparison exits 0; with B whole, nothing strong is lost.
  assert.equal(lava(['compare', 'a-strong.lava.json', 'b-less.lava.json', '--out', 'g2.json'], dir).code, 0);
  assert.equal(lava(['compare', 'a-strong.lava.json', 'uv.lava.json', '--out', 'g3.json', '--fail-on-lost-strong'], dir).code, 0);
});

test('results of different row counts are refused naming both files and both counts; nothing is written', async () => {
  const dir = tempDir();
  const rows = (n: number) => ['x,y,f1,f2,f3,f4', ...Array.from({ length: n }, (_, i) => {
    const t = i * 0.7;
    return [Math.cos(t) * i, Math.sin(t) * i, Math.sin(i), Math.cos(i * 1.3), (i * 37) % 11, (i * 13) % 7].map((v) => v.toFixed(4)).join(',');
  })].join('\n') + '\n';
  writeFileSync(join(dir, 'a.csv'), rows(120));
  writeFileSync(join(dir, 'b.csv'), rows(100));
  for (const f of ['a', 'b']) assert.equal(lava(['explain', `${f}.csv`, '--modules', '2', '--quiet'], dir).code, 0);
  const before = readdirSync(dir).sort();
  const r = lava(['compare', 'a.lava.json', 'b.lava.json'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^lava: b\.lava\.json: a\.lava\.json has 120 rows and b\.lava\.json has 100: only two results of the same rows can be compared\. /);
  assert.deepEqual(readdirSync(dir).sort(), before);
  assert.ok(!existsSync(join(dir, 'a-vs-b.lava-compare.json')));
  // --out gets the checks of lava explain's: never one of the inputs.
  const keep = readFileSync(join(dir, 'a.lava.json'), 'utf8');
  const over = lava(['compare', 'a.lava.json', 'a.lava.json', '--out', './a.lava.json'], dir);
  assert.equal(over.code, 2);
  assert.match(over.stderr, /--out names an input file/);
  assert.equal(readFileSync(join(dir, 'a.lava.json'), 'utf8'), keep);
});

test('usage mistakes exit 2 and point at "lava compare --help"', () => {
  const r = lava(['compare', 'only-one.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^lava: give exactly two result files, A and B \(run "lava compare --help" for usage\)\n$/);
  const t = lava(['compare', 'a.json', 'b.json', '--threshold', '2']);
  assert.match(t.stderr, /--threshold must be a number in -1\.\.1, got "2"/);
});
