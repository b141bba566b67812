// --out is checked before any computing: never an input by another name, always a writable file path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePlanted } from '../../fixtures/planted';
import { lava, tempDir } from './helpers';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function folderWithData() {
  const dir = tempDir();
  const csv = join(dir, 'data.csv');
  writeFileSync(csv, generatePlanted(3, { samples: 300, features: 10, blobs: 3, modules: 2 }).csv);
  return { dir, csv, before: sha(csv) };
}

/** Exit 2 with one line matching `expect`; the data file untouched. */
function refused(args: string[], expect: RegExp, csv: string, before: string, cwd?: string) {
  const r = lava(['explain', ...args, '--quiet'], cwd);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, expect);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.equal(sha(csv), before, 'the data file is unchanged');
}

test('an --out that is the input by another path is refused: symlinked folder, symlinked data, hard link', () => {
  const { dir, csv, before } = folderWithData();
  symlinkSync('.', join(dir, 'sub'));
  refused([csv, '--out', join(dir, 'sub', 'data.csv')], /--out names an input file/, csv, before);
  symlinkSync(csv, join(dir, 'link.csv'));
  refused([join(dir, 'link.csv'), '--out', csv], /--out names an input file/, csv, before);
  linkSync(csv, join(dir, 'hard.csv'));
  refused([csv, '--out', join(dir, 'hard.csv')], /--out names an input file/, csv, before);
  refused(['data.csv', '--out', './sub/../data.csv'], /--out names an input file/, csv, before, dir);
});

test('an --out over the config file is refused too', () => {
  const { dir, csv, before } = folderWithData();
  writeFileSync(join(dir, '.lava.json'), '{"defaults":{"modules":2}}');
  const cfg = sha(join(dir, '.lava.json'));
  refused([csv, '--out', join(dir, '.lava.json')], /--out names an input file/, csv, before);
  assert.equal(sha(join(dir, '.lava.json')), cfg);
});

test('--out into a missing folder or at a folder is refused up front, leaving nothing behind', () => {
  const { dir, csv, before } = folderWithData();
  refused(
    [csv, '--out', join(dir, 'nope', 'r.json')],
    /nope\/r\.json: the folder of --out does not exist/,
    csv,
    before,
  );
  mkdirSync(join(dir, 'results'));
  refused([csv, '--out', join(dir, 'results')], /--out names a folder/, csv, before);
  assert.deepEqual(readdirSync(dir).sort(), ['data.csv', 'results']);
});
