// Steps 1-2 of a bench data set computed once and kept in bench/.cache/trust/ (typed arrays as raw files), so that
// the trust bench can time k choices without re-reading and re-correlating the data every time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/engine/pipeline';
import type { LavaParams } from '../../src/shared/params/types';
import type { Localities, LocalityCorrelations } from '../../src/engine/types';
import type { MetadataColumn } from '../../src/shared/result/types';

export interface Steps {
  X: Float64Array;
  E: number;
  F: number;
  Z: Float64Array;
  d: number;
  features: string[];
  metadata: MetadataColumn[];
  localities: Localities;
  correlations: LocalityCorrelations;
}

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;
const KINDS = { Float64Array, Float32Array, Int32Array, Uint8Array } as const;

function toJson(x: unknown): unknown {
  if (ArrayBuffer.isView(x)) return { $typed: x.constructor.name, b64: Buffer.from((x as Typed).buffer, (x as Typed).byteOffset, (x as Typed).byteLength).toString('base64') };
  if (Array.isArray(x)) return x.map(toJson);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toJson(v)]));
  return x;
}

function fromJson(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromJson);
  if (x && typeof x === 'object') {
    const o = x as { $typed?: keyof typeof KINDS; b64?: string };
    if (o.$typed && o.b64 !== undefined) {
      const buf = Buffer.from(o.b64, 'base64');
      const Kind = KINDS[o.$typed];
      const copy = new Uint8Array(buf.byteLength);
      copy.set(buf);
      return new Kind(copy.buffer);
    }
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fromJson(v)]));
  }
  return x;
}

/** Steps 1-2 of `file` with `params` (k does not matter to them), from the cache when there. */
export async function cachedSteps(root: string, key: string, file: string, params: LavaParams): Promise<Steps> {
  const dir = join(root, 'bench/.cache/trust');
  const path = join(dir, `${key}.steps.json`);
  if (existsSync(path)) return fromJson(JSON.parse(readFileSync(path, 'utf8'))) as Steps;
  // k = 1: the pipeline's own factorization is not what is measured here, so make it cheap.
  const out = await runPipeline({ file: join(root, file), params: { ...params, modules: 1 } });
  const p = out.prepared;
  const steps: Steps = {
    X: p.X,
    E: p.E,
    F: p.F,
    Z: p.Z as Float64Array,
    d: p.d,
    features: p.features,
    metadata: p.metadata,
    localities: out.localities,
    correlations: out.correlations,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, JSON.stringify(toJson(steps)));
  return steps;
}
