// Two data sets for the parallel steps' tests: examples/digits.csv (1,797 images x 64 pixels, its UMAP) and a
// planted set (fixtures/planted.ts), each as features X (E x F) and a 2-D embedding Z, row-major.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatePlanted } from '../../../fixtures/planted';

export interface StepData {
  name: string;
  X: Float64Array;
  E: number;
  F: number;
  Z: Float64Array;
}

/** The numeric CSV's columns named by `isFeature` as X and its columns `zx`, `zy` as Z. */
function fromCsv(
  name: string,
  text: string,
  isFeature: (col: string) => boolean,
  zx: string,
  zy: string,
): StepData {
  const lines = text.trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const feat = head.flatMap((c, i) => (isFeature(c) ? [i] : []));
  const [ix, iy] = [head.indexOf(zx), head.indexOf(zy)];
  const E = lines.length - 1;
  const F = feat.length;
  const X = new Float64Array(E * F);
  const Z = new Float64Array(E * 2);
  for (let e = 0; e < E; e++) {
    const cells = lines[e + 1].split(',').map(Number);
    feat.forEach((c, f) => (X[e * F + f] = cells[c]));
    Z[2 * e] = cells[ix];
    Z[2 * e + 1] = cells[iy];
  }
  return { name, X, E, F, Z };
}

export function digits(): StepData {
  const text = readFileSync(resolve(__dirname, '../../../examples/digits.csv'), 'utf8');
  return fromCsv('digits', text, (c) => c.startsWith('pixel_'), 'umap_1', 'umap_2');
}

export function planted(samples = 4000): StepData {
  const { csv } = generatePlanted(3, { samples });
  return fromCsv('planted', csv, (c) => /^f\d+$/.test(c), 'x', 'y');
}

export const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
