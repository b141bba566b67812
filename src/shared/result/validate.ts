// The result's run-time validator: a stale or foreign file is refused with a clear error, never cast.
import { LavaInputError } from '../errors';
import { SCHEMA_VERSION, type LavaResult } from './types';

function fail(file: string, what: string): never {
  throw new LavaInputError(`not a valid LAVA result: ${what}`, { file }, 'Re-run "lava explain" to produce a fresh result.');
}

function isNumArray(x: unknown, length?: number): boolean {
  return Array.isArray(x) && (length === undefined || x.length === length) && x.every((v) => typeof v === 'number');
}

function inUnit(x: unknown, lo = 0): boolean {
  return typeof x === 'number' && x >= lo && x <= 1;
}

/** How k was set: a known mode, the chosen k as many modules as there are, candidates in [0, 1]. */
function checkSelection(file: string, sel: LavaResult['moduleSelection'] | undefined, moduleCount: number): void {
  if (!sel || (sel.mode !== 'auto' && sel.mode !== 'fixed')) fail(file, 'moduleSelection.mode');
  if (sel.chosen !== moduleCount) fail(file, `moduleSelection.chosen is ${String(sel.chosen)} for ${moduleCount} modules`);
  if (!Array.isArray(sel.candidates) || !sel.candidates.every((c) => Number.isInteger(c?.k) && inUnit(c.stability) && typeof c.error === 'number'))
    fail(file, 'moduleSelection.candidates');
}

/** The trust measures of one module, each in its range, and its pairs' r (a correlation) beside their weight. */
function checkTrust(file: string, m: LavaResult['modules'][number]): void {
  if (!inUnit(m.strength) || !inUnit(m.stability) || !inUnit(m.significance) || typeof m.strong !== 'boolean')
    fail(file, `module ${m.id} strength, stability, significance or strong`);
  if (!inUnit(m.rWhereActive, -1)) fail(file, `module ${m.id} rWhereActive`);
  const pairOk = (p: (typeof m.pairs)[number]) =>
    typeof p.a === 'string' && typeof p.b === 'string' && inUnit(p.r, -1) && typeof p.weight === 'number';
  if (!Array.isArray(m.pairs) || !m.pairs.every(pairOk)) fail(file, `module ${m.id} pairs`);
}

/** Checks the shape and the internal consistency of a result (lengths agree with counts). */
export function validateResult(x: unknown, file: string): LavaResult {
  if (x === null || typeof x !== 'object') fail(file, 'not an object');
  const r = x as Record<string, unknown>;
  if (r.schemaVersion !== SCHEMA_VERSION) fail(file, `schemaVersion is ${String(r.schemaVersion)}, this version reads ${SCHEMA_VERSION}`);
  if (!Array.isArray(r.features) || !r.features.every((f) => typeof f === 'string')) fail(file, 'features');
  const F = (r.features as string[]).length;
  const E = r.rowCount;
  if (typeof E !== 'number' || !Number.isInteger(E) || E < 1) fail(file, 'rowCount');
  const emb = r.embedding as LavaResult['embedding'] | undefined;
  if (!emb || typeof emb.dims !== 'number' || !isNumArray(emb.coords, E * emb.dims)) fail(file, 'embedding.coords length');
  const loc = r.localities as LavaResult['localities'] | undefined;
  if (!loc || !Array.isArray(loc.members) || loc.members.length !== loc.count) fail(file, 'localities');
  if (!isNumArray(r.probes, loc.count * emb.dims)) fail(file, 'probes length');
  if (!isNumArray(r.rowLines, E)) fail(file, 'rowLines length');
  if (!Array.isArray(r.metadata)) fail(file, 'metadata');
  for (const m of r.metadata as LavaResult['metadata']) {
    if (!m || typeof m.name !== 'string' || !Array.isArray(m.values) || m.values.length !== E) fail(file, `metadata column ${String(m?.name)}`);
  }
  if (!Array.isArray(r.modules)) fail(file, 'modules');
  for (const m of r.modules as LavaResult['modules']) {
    if (typeof m.id !== 'number' || typeof m.name !== 'string') fail(file, 'module id/name');
    if (!isNumArray(m.activity, E)) fail(file, `module ${m.id} activity length`);
    if (!isNumArray(m.loadings, loc.count)) fail(file, `module ${m.id} loadings length`);
    if (!isNumArray(m.featureWeights, F)) fail(file, `module ${m.id} featureWeights length`);
    if (typeof m.pattern !== 'string') fail(file, `module ${m.id} pattern`);
    checkTrust(file, m);
  }
  const strengths = (r.modules as LavaResult['modules']).map((m) => m.strength);
  if (strengths.some((x, i) => i > 0 && x > strengths[i - 1])) fail(file, 'modules are not ordered strongest first');
  checkSelection(file, r.moduleSelection as LavaResult['moduleSelection'] | undefined, (r.modules as unknown[]).length);
  if (typeof r.params !== 'object' || r.params === null) fail(file, 'params');
  return x as LavaResult;
}

export function parseResult(text: string, file: string): LavaResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LavaInputError(`not JSON (${(e as Error).message})`, { file }, 'Open a result written by "lava explain" or "LAVA: Explain Dataset".');
  }
  return validateResult(json, file);
}
