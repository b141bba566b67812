// Re-runs Step 3 on correlations saved by nmf.bench.ts --dump DIR (skips Steps 1-2), rewriting W, patterns, meta.
// Run: node --import tsx bench/kernels/nmf_dump.bench.ts DIR [--boolean]; then nmf_sklearn.py DIR to compare.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { factorize } from '../../src/engine/factorize/factorize';
import type { LocalityCorrelations } from '../../src/engine/types';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
    l: number;
    P: number;
    k: number;
  };
  const bytes = (name: string) => {
    const b = readFileSync(join(dir, name));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
  };
  const corr: LocalityCorrelations = {
    F: Math.round((1 + Math.sqrt(1 + 8 * meta.P)) / 2),
    P: meta.P,
    count: meta.l,
    rowPtr: new Int32Array(bytes('rowPtr.i32')),
    pairIndex: new Int32Array(bytes('pairIndex.i32')),
    value: new Float32Array(bytes('value.f32')),
    undefinedFeature: new Uint8Array(0),
    threshold: 0,
  };
  const boolean = process.argv.includes('--boolean');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const f = await factorize(corr, { modules: meta.k, factorization: boolean ? 'boolean' : 'nmf', seed: 0 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time is the fairer number on a shared machine: wall time includes waiting for a core.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${boolean ? 'asso' : 'nmf'}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, iterations ${f.iterations}, error ${f.error.toFixed(5)}`,
  );
  const w = (name: string, a: ArrayBufferView) =>
    writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  w('W.f64', f.W);
  w('patterns.f32', f.patterns);
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ ...meta, iterations: f.iterations, error: f.error, ms }),
  );
}

void main();
