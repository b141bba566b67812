// A small deterministic data set for host tests: 2 blobs in (x, y); features a..f where a~b correlate in
// the first blob and c~d everywhere. Also the values, to check replies against brute force.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PARAMS, type LavaParams } from '../../../src/shared/params/types';
import { unpack, type Packed } from '../../../src/shared/result/packed';

export function blobsCsv(rows: number): { text: string; X: number[][] } {
  let s = 7;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const lines = ['x,y,a,b,c,d,e,f'];
  const X: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const blob = i % 2;
    const x = blob * 10 + rnd();
    const y = rnd();
    const t = rnd();
    const u = rnd();
    const row = [t, blob === 0 ? t + 0.1 * rnd() : rnd(), u, u + 0.2 * rnd(), rnd(), rnd()].map((v) =>
      Number(v.toFixed(5)),
    );
    X.push(row);
    lines.push([x.toFixed(5), y.toFixed(5), ...row].join(','));
  }
  return { text: lines.join('\n') + '\n', X };
}

export const blobParams: LavaParams = { ...DEFAULT_PARAMS, neighbors: 20, modules: 2, directEvaluations: 8 };

/** Writes `text` as `name` in a new temp folder and returns its path: the engine reads data files by path. */
export function dataFile(text: string, name = 'blobs.csv'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lava-host-')), name);
  writeFileSync(path, text);
  return path;
}

/** The Float32 weights of a locality reply's packed pattern. */
export function decodePattern(p: Packed): Float32Array {
  assert.equal(p.dtype, 'float32');
  return unpack(p) as Float32Array;
}
