// Property: whatever JSON a .lava.json holds (keys such as "__proto__", "constructor", "prototype" at any level,
// values of any type), loading it either gives plain options or an input error, and never changes a prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { configParamsFor, parseConfig } from '../../../src/shared/params/config';
import { resolveParams } from '../../../src/shared/params/layers';
import { PARAM_NAMES } from '../../../src/shared/params/spec';
import { LavaInputError } from '../../../src/shared/errors';
import { fuzz } from '../../fuzz';

const DANGEROUS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const key = fc.oneof(
  fc.constantFrom(...DANGEROUS, ...PARAM_NAMES, 'defaults', 'datasets', '$schema', 'data.csv', '*.csv', '**'),
  fc.string({ maxLength: 6 }),
);

/** JSON text written by hand, so a "__proto__" key is an own key of the text (JSON.stringify would drop it). */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
    fc.array(tie('value'), { maxLength: 3 }).map((vs) => `[${vs.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 4 })
      .map((es) => `{${es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** A config whose shape is right, with hostile keys and values inside "defaults" and "datasets". */
const configText = fc
  .record({
    defaults: fc.array(fc.tuple(key, jsonText), { maxLength: 4 }),
    datasets: fc.array(fc.tuple(key, fc.array(fc.tuple(key, jsonText), { maxLength: 3 })), { maxLength: 3 }),
  })
  .map(({ defaults, datasets }) => {
    const obj = (es: [string, string][]) => `{${es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
    return `{"defaults":${obj(defaults)},"datasets":{${datasets.map(([p, es]) => `${JSON.stringify(p)}:${obj(es)}`).join(',')}}}`;
  });

/** Everything a prototype change would show: new or changed keys on the built-in prototypes. */
function prototypes(): string {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');
}

test('no .lava.json pollutes a prototype: it loads as plain options or is an input error', () => {
  const before = prototypes();
  const check = (text: string) => {
    let config;
    try {
      config = parseConfig(text, '.lava.json');
    } catch (e) {
      assert.ok(e instanceof LavaInputError, `not an input error: ${String(e)}`);
      return;
    }
    for (const rel of ['data.csv', 'a/b.csv', '__proto__']) {
      const params = configParamsFor(config, rel);
      assert.equal(Object.getPrototypeOf(params), Object.prototype);
      for (const k of Object.keys(params)) assert.ok((PARAM_NAMES as string[]).includes(k), k);
      resolveParams({ config: params });
    }
    for (const part of [config, config.defaults ?? {}, config.datasets ?? {}])
      assert.equal(Object.getPrototypeOf(part), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(prototypes(), before);
  };
  fc.assert(fc.property(fc.oneof(configText, jsonText), check), fuzz(3000, 5_000));
  // The audit's cases, and those this property found (a "?" glob, a non-string $schema), on every run.
  check('{"datasets": {"__proto__": {"modules": 3}}}');
  check('{"defaults": {"__proto__": {"polluted": 1}}}');
  check('{"__proto__": {"polluted": 1}, "defaults": {}}');
  check('{"defaults": {"constructor": {"prototype": {"polluted": 1}}}}');
  check('{"$schema": {"toString": null}}');
  check('{"datasets": {"what?.csv": {}}}');
});
