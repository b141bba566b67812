// A comparison's file form: JSON with the per-row overlap packed as a result's arrays are (../result/packed.ts),
// as uint8 neighbour counts with scale 1/k (exact). Reading checks the shape with zod, then the array.
import { z } from 'zod';
import { LavaInputError } from '../errors';
import { deepestIssue, keyOf } from '../result/decode';
import { PackedError, PackedSchema, pack, unpack } from '../result/packed';
import { COMPARISON_KIND, COMPARISON_SCHEMA_VERSION, type Comparison } from './types';

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);

const InputSchema = z.object({
  file: z.string(),
  rows: z.number().int().positive(),
  modules: count,
  strong: count.optional(),
  strongIds: z.array(count).optional(),
  embedding: z.object({ computed: z.enum(['given', 'umap']), columns: z.array(z.string()) }),
});

export const ComparisonFileSchema = z.object({
  kind: z.literal(COMPARISON_KIND),
  schemaVersion: z.literal(COMPARISON_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('lava-explorer'), version: z.string() }),
  a: InputSchema,
  b: InputSchema,
  threshold: z.number().min(-1).max(1),
  features: z.object({ common: z.number().int().positive(), a: count, b: count }),
  matched: z.array(z.object({ a: count, b: count, cosine: z.number().min(-1).max(1) })),
  onlyA: z.array(count),
  onlyB: z.array(count),
  lostStrong: z.array(count),
  neighbourhood: z.object({
    k: z.number().int().positive(),
    summary: z.object({ mean: fraction, min: fraction, q1: fraction, median: fraction, q3: fraction, max: fraction }),
    kept: PackedSchema,
  }),
  notes: z.array(z.string()),
});

const HINT = 'Compare the two results again ("lava compare A.json B.json" or LAVA: Compare Results...).';

function invalid(file: string, what: string): never {
  throw new LavaInputError(`not a valid LAVA comparison: ${what}`, { file }, HINT);
}

/** The comparison's file text (one line and a newline); key order fixed by the object below. */
export function encodeComparison(c: Comparison): string {
  const { k } = c.neighbourhood;
  const counts = Uint8Array.from(c.neighbourhood.kept, (v) => Math.round(v * k));
  return (
    JSON.stringify({
      ...c,
      neighbourhood: { k, summary: c.neighbourhood.summary, kept: pack(counts, { scale: 1 / k }) },
    }) + '\n'
  );
}

/** A comparison file's text (`file` names it in errors) in memory; a LavaInputError naming the key if it is not one. */
export function decodeComparison(text: string, file: string): Comparison {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    invalid(file, `not JSON (${(e as Error).message})`);
  }
  const v = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if ((json as { kind?: unknown } | null)?.kind === COMPARISON_KIND && typeof v === 'number' && v > COMPARISON_SCHEMA_VERSION)
    throw new LavaInputError(
      `made by a newer version of LAVA Explorer (schemaVersion ${v}; this version reads ${COMPARISON_SCHEMA_VERSION})`,
      { file },
      'Update LAVA Explorer to read it.',
    );
  const parsed = ComparisonFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error.issues[0]);
    invalid(file, `${keyOf(issue.path)}: ${issue.message}`);
  }
  const f = parsed.data;
  let kept: Float32Array;
  try {
    kept = Float32Array.from(unpack(f.neighbourhood.kept));
  } catch (e) {
    if (e instanceof PackedError) invalid(file, `neighbourhood.kept: ${e.message}`);
    throw e;
  }
  if (kept.length !== f.a.rows) invalid(file, `neighbourhood.kept: has ${kept.length} values, expected ${f.a.rows}`);
  if (kept.some((x) => !(x >= 0 && x <= 1 + 1e-6))) invalid(file, 'neighbourhood.kept: values outside 0..1');
  return { ...f, neighbourhood: { ...f.neighbourhood, kept } };
}
