// The report writer: one self-contained page (nothing but data: and # links, a hash CSP that matches its inline
// script and style), the embedded result decoding to the same result, the size bound, and the header's facts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lava, tempDir } from '../cli/helpers';
import { buildReport, reportPathBeside, writeReport } from '../../src/report/writeReport';
import { decodeResult } from '../../src/shared/result/decode';
import { resultFromFile } from '../../src/engine/io/resultFile';
import { assertSameResult } from '../shared/result/sameResult';
import { LavaInputError } from '../../src/shared/errors';

const DIGITS = resolve(__dirname, '../../examples/digits.csv');
let dir = '';
let resultPath = '';

before(() => {
  dir = tempDir('lava-report-');
  resultPath = join(dir, 'digits.lava.json');
  const r = lava(['explain', DIGITS, '--out', resultPath, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
});

/** The page's markup with the contents of its script and style elements taken out. */
function markup(html: string): string {
  return html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/g, '$1$3');
}

function element(html: string, open: RegExp, tag: string): string {
  const m = open.exec(html);
  assert.ok(m, `no ${open} in the page`);
  const start = m.index + m[0].length;
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the page links to nothing but data: URLs and #, and its CSP allows only its own inline script and style', () => {
  const { html } = buildReport(readFileSync(resultPath, 'utf8'), resultPath, join(dir, 'r.html'));
  const links = [...markup(html).matchAll(/\b(src|href|action|srcset|poster)\s*=\s*"([^"]*)"/gi)].map((m) => m[2]);
  assert.ok(links.length > 0, 'the codicon stylesheet is linked');
  for (const l of links) assert.match(l, /^(data:|#)/, `a link to ${l.slice(0, 80)}`);
  const style = element(html, /<style>/, 'style');
  assert.doesNotMatch(style, /url\((?!["']?data:)/, 'the styles fetch nothing');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const rules = new Map(csp.split('; ').map((r) => [r.split(' ')[0], r.split(' ').slice(1).join(' ')]));
  assert.equal(rules.get('default-src'), "'none'");
  assert.equal(rules.get('img-src'), 'data: blob:');
  assert.equal(rules.get('font-src'), 'data:');
  // Hashes of what the page really holds: a changed bundle without a new hash would not run.
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1, 'one executable script');
  assert.equal(rules.get('script-src'), sha(scripts[0]));
  assert.equal(rules.get('style-src'), `${sha(style)} data:`);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
});

test('the embedded result decodes to the same result, and the root counts its modules and points', () => {
  const text = readFileSync(resultPath, 'utf8');
  const { html } = buildReport(text, resultPath, join(dir, 'beside.html'));
  const embedded = element(html, /<script type="application\/json" id="lava-result">/, 'script');
  assert.doesNotMatch(embedded, /</, 'no "<" that could end the block');
  const original = decodeResult(text, resultPath);
  // Beside the result, the data path reads the same; elsewhere it is named from the report's folder.
  assertSameResult(decodeResult(embedded, 'embedded'), original, { activity: 'exact' });
  const root = /data-testid="report-root" data-module-count="(\d+)" data-point-count="(\d+)"/.exec(html);
  assert.deepEqual([Number(root?.[1]), Number(root?.[2])], [original.modules.length, 1797]);
  const moved = buildReport(text, resultPath, join(dir, 'sub', 'deeper', 'r.html')).html;
  const movedResult = decodeResult(element(moved, /id="lava-result">/, 'script'), 'embedded');
  assert.equal(
    resultFromFile(movedResult, join(dir, 'sub', 'deeper', 'r.html')).source.file,
    resultFromFile(original, resultPath).source.file,
    'the data file named from the report still points at the data',
  );
});

test("the header says what was explained, by which version and when the report (not the run) was made", () => {
  const madeAt = new Date('2026-03-04T05:06:07Z');
  const { html } = buildReport(readFileSync(resultPath, 'utf8'), resultPath, join(dir, 'r.html'), { madeAt });
  const header = element(html, /<header class="lava-report-header" data-testid="report-header">/, 'header');
  assert.match(header, /<h1>LAVA report: digits\.csv<\/h1>/);
  assert.match(header, /1797 rows read, 1797 kept · 61 features · 8 modules · embedding: umap_1, umap_2/);
  assert.match(header, /report made 2026-03-04 05:06 UTC by lava-explorer 0\.1\.0/);
  assert.match(header, /a result holds no run date/);
  assert.match(header, /<tr><td>neighbors<\/td><td>100<\/td><td>default<\/td><\/tr>/);
});

test('a report is at most the result plus 1 MB (digits)', async () => {
  const out = join(dir, 'size.report.html');
  const { bytes } = await writeReport(resultPath, out);
  const resultBytes = statSync(resultPath).size;
  assert.equal(bytes, statSync(out).size);
  assert.ok(bytes <= resultBytes + 1_000_000, `report ${bytes} bytes, result ${resultBytes} bytes`);
});

test('a damaged result is refused naming the file and the key, and nothing is written', async () => {
  const bad = join(dir, 'bad.lava.json');
  const json = JSON.parse(readFileSync(resultPath, 'utf8')) as { modules: { loadings: unknown }[] };
  json.modules[2].loadings = 'not an array';
  writeFileSync(bad, JSON.stringify(json));
  const before = readdirSync(dir).sort();
  await assert.rejects(writeReport(bad, join(dir, 'bad.report.html')), (e: unknown) => {
    assert.ok(e instanceof LavaInputError);
    assert.equal(e.file, bad);
    assert.match(e.message, /modules\.2\.loadings|modules\[2\]\.loadings/);
    return true;
  });
  assert.deepEqual(readdirSync(dir).sort(), before, 'no report and no temporary file');
});

test('the report goes beside its result as NAME.report.html', () => {
  assert.equal(reportPathBeside('/a/b/digits.lava.json'), '/a/b/digits.report.html');
  assert.equal(reportPathBeside('/a/b/run.JSON'), '/a/b/run.report.html');
});
