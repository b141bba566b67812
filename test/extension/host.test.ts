// Unit tests of the extension host's pure parts (no VS Code needed): settings layer, manifest and schema
// against the option specs, error places and texts, result and export file names, and the worker's reply helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalityCorrelations } from '../../src/engine/types';
import { PARAM_NAMES, PARAM_SPECS, SETTING_NAMES } from '../../src/shared/params/spec';
import { DATA_EXTENSIONS, isDataFile } from '../../src/extension/commands/dataFiles';
import { formatOf } from '../../src/engine/read/formats';
import { paramsFromSettings } from '../../src/extension/settingsLayer';
import {
  cellCharacter,
  cellOffset,
  describeRunError,
  errorPlace,
  opensAtLine,
} from '../../src/extension/commands/errorPlace';
import { defaultExportPath, exportBytes, storedResultName } from '../../src/extension/commands/resultFiles';
import { resultPathBeside } from '../../src/engine/io/resultFile';
import { localityPattern, pairColumns } from '../../src/worker/engineService';
import { LavaInputError } from '../../src/shared/errors';
import { RemoteError, errorToWire } from '../../src/shared/rpc';
import { DEFAULT_PARAMS } from '../../src/shared/params/types';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** What to do when an option was added or changed without updating the manifest. */
const SYNC = 'package.json settings or the schema are out of date: run npx tsx scripts/sync-manifest.ts';
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/lava-config.schema.json'), 'utf8'));

test('settings layer keeps only explicitly set values, folder over workspace over user', () => {
  const layers: Record<
    string,
    { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }
  > = {
    modules: { globalValue: 5, workspaceValue: 6 },
    neighbors: { globalValue: 50, workspaceValue: 60, workspaceFolderValue: 70 },
    correlation: { globalValue: 'spearman' },
    seed: {},
  };
  const got = paramsFromSettings((name) => layers[name]);
  assert.deepEqual(got, { modules: 6, neighbors: 70, correlation: 'spearman' });
});

test('an out-of-range setting is a LavaInputError naming the option, shown as its setting', () => {
  assert.throws(
    () => paramsFromSettings((name) => (name === 'modules' ? { globalValue: 0 } : undefined)),
    (e: unknown) =>
      e instanceof LavaInputError &&
      e.option === 'modules' &&
      describeRunError(e, (f) => f) ===
        'settings.json: the setting lava.modules must be >= 1 and <= 100 (got 0). Fix lava.modules in the settings (or remove it to use the default).',
  );
  assert.throws(
    () => paramsFromSettings((name) => (name === 'correlation' ? { globalValue: 'kendall' } : undefined)),
    LavaInputError,
  );
});

test('package.json declares one lava.* setting per option but file paths, with the engine default and range', () => {
  const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(props).sort(), SETTING_NAMES.map((n) => `lava.${n}`).sort(), SYNC);
  // A file beside one data file is no workspace-wide setting: it is given per run or per .lava.json entry.
  assert.ok(!('lava.embeddingFile' in props) && !('lava.metadataFile' in props));
  for (const name of SETTING_NAMES) {
    const p = props[`lava.${name}`];
    const spec = PARAM_SPECS[name];
    assert.deepEqual(p.default, DEFAULT_PARAMS[name], `default of lava.${name}`);
    assert.ok(
      typeof p.markdownDescription === 'string' && p.markdownDescription.length > 10,
      `description of lava.${name}`,
    );
    if (spec.kind === 'int')
      assert.deepEqual([p.type, p.minimum, p.maximum], ['integer', spec.min, spec.max]);
    if (spec.kind === 'number') {
      assert.equal(p.type, 'number');
      assert.equal(p.maximum, spec.max);
      assert.equal(spec.exclusiveMin ? p.exclusiveMinimum : p.minimum, spec.min);
    }
    if (spec.kind === 'enum') assert.deepEqual(p.enum, [...spec.values]);
    if (spec.kind === 'bool') assert.equal(p.type, 'boolean');
    if (spec.kind === 'bounds')
      assert.deepEqual(p.items, { type: 'number', minimum: spec.min, maximum: spec.max }, `range of lava.${name}`);
  }
});

test('the .lava.json schema types every option in defaults and datasets, with no unknown keys', () => {
  const opts = schema.definitions.options;
  assert.equal(opts.additionalProperties, false);
  assert.deepEqual(Object.keys(opts.properties).sort(), [...PARAM_NAMES].sort(), SYNC);
  assert.equal(schema.properties.defaults.$ref, '#/definitions/options');
  assert.equal(schema.properties.datasets.additionalProperties.$ref, '#/definitions/options');
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(opts.properties.neighbors, {
    ...opts.properties.neighbors,
    type: 'integer',
    minimum: 5,
    maximum: 100000,
  });
  assert.deepEqual(opts.properties.directBounds.minItems, 2);
  const validation = pkg.contributes.jsonValidation.find(
    (v: { fileMatch: string }) => v.fileMatch === '.lava.json',
  );
  assert.equal(validation.url, './schemas/lava-config.schema.json');
});

test('commands are contributed to the Explorer menu for every data format read, and the panel activates its serializer', () => {
  const ids = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const id of ['lava.explainDataset', 'lava.explainDatasetWithOptions', 'lava.openResult', 'lava.rerun'])
    assert.ok(ids.includes(id), id);
  const when = pkg.contributes.menus['explorer/context'][0].when as string;
  const re = new RegExp(/\/(.*)\/(\w*)$/.exec(when)![1], /\/(.*)\/(\w*)$/.exec(when)![2]);
  assert.ok(re.test('.csv') && re.test('.TSV') && !re.test('.json') && !re.test('.csvx'));
  for (const ext of DATA_EXTENSIONS) {
    assert.ok(re.test(`.${ext}`) && re.test(`.${ext.toUpperCase()}`), `the menu offers .${ext}`);
    assert.notEqual(formatOf(`x.${ext}`), null, `the engine reads .${ext}`);
    assert.ok(isDataFile(`/ws/x.${ext}`));
  }
  for (const menu of ['explorer/context', 'editor/title', 'editor/title/context'])
    for (const item of pkg.contributes.menus[menu].filter((m: { command: string }) =>
      m.command.startsWith('lava.explain'),
    ))
      assert.equal(item.when, when, `${menu} offers the same files`);
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:lavaExplorer'));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, false);
});

test('cellOffset turns a CSV column number into the character where that cell starts', () => {
  assert.equal(cellOffset('a,b,c', 1, ','), 0);
  assert.equal(cellOffset('a,bb,c', 3, ','), 5);
  assert.equal(cellOffset('"x,y",b,c', 2, ','), 6, 'a quoted delimiter does not count');
  assert.equal(cellOffset('a,b', 5, ','), 3, 'past the last cell: end of line');
  assert.equal(cellOffset('a\tb', 2, '\t'), 2);
});

test('"Open File at Line" finds the cell with the delimiter the engine used, not one of its own', () => {
  // Commas inside a quoted header name do not count: the engine reads this file with ";".
  assert.equal(cellCharacter('"x,y,z";a;b', '"1,5";2;3', 2), 6);
  // A tie of ";" and tab goes to ";" as in the engine; "|" is no delimiter of the engine's (one cell).
  assert.equal(cellCharacter('a;b\tc', '1;2\t3', 2), 2);
  assert.equal(cellCharacter('p|q|r', '1|2|3', 2), 5);
  assert.equal(cellCharacter('\uFEFFa\tb\tc', '1\t22\t3', 3), 5, 'a BOM is skipped');
});

test('an engine input error is shown with the file, line and column in words', () => {
  const err = new LavaInputError(
    'row has 4 cells, header has 5',
    { file: '/ws/bad.csv', line: 4, column: 5 },
    'Fix the row.',
  );
  const fromWorker = new RemoteError(errorToWire(err));
  for (const e of [err, fromWorker]) {
    const place = errorPlace(e);
    assert.deepEqual([place?.file, place?.line, place?.column], ['/ws/bad.csv', 4, 5]);
    assert.equal(
      describeRunError(e, (f) => f.replace('/ws/', '')),
      'bad.csv, line 4, column 5: row has 4 cells, header has 5. Fix the row.',
    );
  }
  // Options the engine names by key read as settings in the extension.
  const keyed = new RemoteError(
    errorToWire(
      new LavaInputError(
        'too many features',
        { file: '/ws/d.csv', line: 1, option: 'maxFeatures' },
        'Raise {option:maxFeatures}.',
      ),
    ),
  );
  assert.equal(
    describeRunError(keyed, (f) => f.replace('/ws/', '')),
    'd.csv, line 1: too many features. Raise lava.maxFeatures.',
  );
  // Only text files are offered to open at the error's line.
  assert.deepEqual(
    ['/ws/bad.csv', '/ws/t.TSV', '/ws/.lava.json', 'settings.json', '/ws/x.h5ad', '/ws/x.npy'].map(
      opensAtLine,
    ),
    [true, true, true, false, false, false],
  );
  // File options are no settings: they read as the .lava.json key (which the options wizard also sets).
  const file = new LavaInputError(
    'has no embedding',
    { file: '/ws/x.npy' },
    'Give one with {option:embeddingFile}.',
  );
  assert.equal(
    describeRunError(file, (f) => f.replace('/ws/', '')),
    'x.npy: has no embedding. Give one with "embeddingFile" (in .lava.json).',
  );
  assert.equal(errorPlace(new Error('boom')), null);
  assert.equal(
    describeRunError(new Error('boom'), (f) => f),
    'boom',
  );
});

test('a column name cannot break the notification into lines or become a command link in it', () => {
  // VS Code turns "[label](command:...)" in a notification into a link that runs the command.
  const name = '[Fix it](command:workbench.action.terminal.new)\nsecond line\u001b[31m';
  const e = new RemoteError(
    errorToWire(
      new LavaInputError(
        'feature column holds text, not numbers',
        { file: '/ws/d.csv', line: 1, column: 3, columnName: name, option: 'features' },
        'Name numeric columns in {option:features}.',
      ),
    ),
  );
  const text = describeRunError(e, (f) => f.replace('/ws/', ''));
  assert.equal(
    text,
    'd.csv, line 1, column 3: feature column holds text, not numbers (column "[Fix it] (command:workbench.action.terminal.new)\\nsecond line\\e[31m"). Name numeric columns in lava.features.',
  );
});

test('result files: stored name is stable per data path, beside-data name never equals the data file', () => {
  assert.equal(storedResultName('/a/digits.csv'), storedResultName('/a/digits.csv'));
  assert.notEqual(storedResultName('/a/digits.csv'), storedResultName('/b/digits.csv'));
  assert.match(storedResultName('/a/my data.csv'), /^my_data\.csv\.[0-9a-f]{10}\.lava\.json$/);
  assert.equal(resultPathBeside('/a/digits.csv'), '/a/digits.lava.json');
});

test('an export starts beside the data in the workspace, else in the workspace folder, never outside it', () => {
  assert.equal(
    defaultExportPath('/ws/data/digits.csv', '/ws', 'scatter', 'png'),
    '/ws/data/digits.scatter.png',
  );
  assert.equal(
    defaultExportPath('/elsewhere/digits.csv', '/ws', 'heat map', 'svg'),
    '/ws/digits.heat_map.svg',
  );
  assert.equal(
    defaultExportPath('/wsx/digits.csv', '/ws', 'scatter', 'png'),
    '/ws/digits.scatter.png',
    'a sibling folder is outside',
  );
  assert.equal(defaultExportPath(null, '/ws', 'scatter', 'png'), '/ws/lava.scatter.png');
  assert.equal(
    defaultExportPath('/elsewhere/digits.csv', null, 'scatter', 'png'),
    null,
    'no folder open: the dialog decides',
  );
});

test('exportBytes decodes data URLs (base64 or not) and raw SVG', () => {
  assert.deepEqual([...exportBytes('png', 'data:image/png;base64,AAEC/w==')], [0, 1, 2, 255]);
  assert.equal(Buffer.from(exportBytes('svg', 'data:image/svg+xml,%3Csvg%2F%3E')).toString(), '<svg/>');
  assert.equal(Buffer.from(exportBytes('svg', '<svg></svg>')).toString(), '<svg></svg>');
});

test('a locality pattern is the dense upper triangle of its CSR row', () => {
  // F = 4 -> P = 6; locality 1 holds pairs 0 (0,1) = 0.5 and 5 (2,3) = -0.75.
  const corr = {
    F: 4,
    P: 6,
    count: 2,
    rowPtr: Int32Array.from([0, 1, 3]),
    pairIndex: Int32Array.from([2, 0, 5]),
    value: Float32Array.from([0.9, 0.5, -0.75]),
    undefinedFeature: new Uint8Array(8),
    threshold: 0.3,
  } satisfies LocalityCorrelations;
  const dense = localityPattern(corr, 1);
  assert.deepEqual([...dense], [0.5, 0, 0, 0, 0, -0.75]);
  assert.deepEqual([...localityPattern(corr, 0)], [0, 0, 0.9, 0, 0, 0].map(Math.fround));
});

test('pairColumns returns the two features of every row of a row-major X', () => {
  const X = Float64Array.from([1, 2, 3, 4, 5, 6]); // E = 2, F = 3
  assert.deepEqual(pairColumns(X, 2, 3, ['a', 'b', 'c'], 'c', 'a'), { av: [3, 6], bv: [1, 4] });
  assert.throws(() => pairColumns(X, 2, 3, ['a', 'b', 'c'], 'a', 'z'), /unknown feature "z"/);
});
