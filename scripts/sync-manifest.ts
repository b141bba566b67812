// Regenerates package.json's `contributes.configuration` (the lava.* settings) and schemas/lava-config.schema.json
// from PARAM_SPECS and DEFAULT_PARAMS, so the settings UI, the config file schema and the engine agree.
// Run after adding or changing an option: npx tsx scripts/sync-manifest.ts (host.test.ts checks they agree).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PARAM_NAMES, PARAM_SPECS, SETTING_NAMES } from '../src/shared/params/spec';
import { DEFAULT_PARAMS, type LavaParams } from '../src/shared/params/types';

const ROOT = join(import.meta.dirname, '..');

/** Descriptions of each enum value, shown in the settings UI's dropdown. */
const ENUM_DESCRIPTIONS: Partial<Record<keyof LavaParams, string[]>> = {
  correlation: [
    'Pearson correlation of the raw values.',
    'Spearman: Pearson correlation of the ranks inside each locality.',
  ],
  nmfInit: [
    'NNDSVD start, as scikit-learn (deterministic).',
    'Start from feature pairs grouped by their locality profile (separates parts of overlapping blobs).',
  ],
  factorization: [
    'Non-negative matrix factorization of the locality correlations.',
    'Boolean factorization (Asso) of the binarized correlations.',
  ],
};

function jsonType(name: keyof LavaParams): Record<string, unknown> {
  const s = PARAM_SPECS[name];
  switch (s.kind) {
    case 'int':
      return { type: 'integer', minimum: s.min, maximum: s.max };
    case 'number':
      return s.exclusiveMin
        ? { type: 'number', exclusiveMinimum: s.min, maximum: s.max }
        : { type: 'number', minimum: s.min, maximum: s.max };
    case 'enum':
      return { type: 'string', enum: [...s.values] };
    case 'bool':
      return { type: 'boolean' };
    case 'columns':
      return { type: 'array', items: { type: 'string' }, uniqueItems: true };
    case 'bounds':
      return {
        type: 'array',
        items: { type: 'number', minimum: s.min, maximum: s.max },
        minItems: 2,
        maxItems: 2,
      };
    case 'name':
    case 'path':
      return { type: 'string' };
  }
}

const properties: Record<string, unknown> = {};
SETTING_NAMES.forEach((name, order) => {
  const p: Record<string, unknown> = {
    ...jsonType(name),
    default: DEFAULT_PARAMS[name],
    markdownDescription: PARAM_SPECS[name].doc,
    order,
  };
  if (ENUM_DESCRIPTIONS[name]) p.enumDescriptions = ENUM_DESCRIPTIONS[name];
  properties[`lava.${name}`] = p;
});
const pkgPath = join(ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { contributes: Record<string, unknown> };
pkg.contributes.configuration = { title: 'LAVA Explorer', properties };
writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');

const options: Record<string, unknown> = {};
for (const name of PARAM_NAMES)
  options[name] = { ...jsonType(name), description: PARAM_SPECS[name].doc, default: DEFAULT_PARAMS[name] };
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://lava-explorer.invalid/schemas/lava-config.schema.json',
  title: 'LAVA Explorer workspace config (.lava.json)',
  description:
    'Options shared by the LAVA Explorer extension and the lava CLI. Precedence: command options > this file > VS Code settings > defaults.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    defaults: { description: 'Options for every data set under this folder.', $ref: '#/definitions/options' },
    datasets: {
      description:
        'Options per data set, keyed by path relative to this file\'s folder ("/" separators, "*" and "**" wildcards). Later matches win over earlier ones and over "defaults".',
      type: 'object',
      additionalProperties: { $ref: '#/definitions/options' },
    },
  },
  definitions: { options: { type: 'object', additionalProperties: false, properties: options } },
};
const schemaPath = join(ROOT, 'schemas/lava-config.schema.json');
void (async () => {
  const style = (await resolveConfig(schemaPath)) ?? {};
  writeFileSync(schemaPath, await format(JSON.stringify(schema), { ...style, parser: 'json' }));
  console.log(`wrote ${PARAM_NAMES.length} options to package.json and schemas/lava-config.schema.json`);
})();
