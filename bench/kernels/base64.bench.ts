// Chooses the result files' base64 (shared/result/packed.ts): btoa over a binary string against base64-js, each
// way, on deflated Float32 bytes the size of 100,000 rows' coordinates. Node's Buffer is the floor (it cannot
// run in the webview). Decoding must also refuse characters outside the alphabet.
// Run: node --import tsx bench/kernels/base64.bench.ts [bytes=720000]
import { fromByteArray, toByteArray } from 'base64-js';
import { zlibSync } from 'fflate';
import { seededUniform } from '../../src/engine/random';

const n = Number(process.argv[2] ?? 720000);
const r = seededUniform(1, 5);
const bytes = zlibSync(new Uint8Array(Float32Array.from({ length: n / 2 }, () => r() * 20 - 10).buffer), {
  level: 1,
}).subarray(0, n);

function btoaBinary(b: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(bin);
}

function atobBytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function time(label: string, f: () => unknown): void {
  f();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) f();
  console.log(`${label}: ${((performance.now() - t0) / 10).toFixed(1)} ms`);
}

const text = fromByteArray(bytes);
if (btoaBinary(bytes) !== text) throw new Error('the encoders disagree');
console.log(`${bytes.length} bytes -> ${text.length} characters`);
time('encode btoa(binary string)', () => btoaBinary(bytes));
time('encode base64-js', () => fromByteArray(bytes));
time('encode Buffer (Node only)', () => Buffer.from(bytes).toString('base64'));
time('decode atob', () => atobBytes(text));
time('decode base64-js', () => toByteArray(text));
const bad = 'AA!A' + text.slice(4);
const refuses = (f: () => unknown) => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};
console.log(
  `a character outside the alphabet: atob refuses ${refuses(() => atobBytes(bad))}, base64-js refuses ${refuses(() => toByteArray(bad))}`,
);
