// The E2E's reading of extension-host logs: code-server's own stale-lock hand-over is not an error of ours, and
// nothing else is hidden with it. The fixture is the log of the E2E run that failed on it (paths shortened).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logErrors } from './support/exthostLog.mjs';

const staleLog = readFileSync(join(import.meta.dirname, 'fixtures/stale-lock.exthost.log'), 'utf8');
const LOCK = '/tmp/lava-e2e-XXXXXX/data/user/User/workspaceStorage/367f8267/vscode.lock';
const at = (level, text) => `2026-11-29 00:00:30.700 [${level}] ${text}`;
const errorLines = (text) => text.split('\n').filter((l) => l.includes('[error]'));

test('a stale, empty lock taken over in the same folder is not an error', () => {
  assert.equal(errorLines(staleLog).length, 3, 'the fixture has the EEXIST and two JSON.parse errors');
  assert.deepEqual(logErrors(staleLog), []);
});

test('any other error in the log is still reported, also one inside the hand-over', () => {
  const activation = at('error', 'Activating extension lava-explorer.lava-explorer failed due to an error:');
  assert.deepEqual(
    logErrors(`${staleLog}\n${activation}\n`).map((e) => e.split(' | ')[0]),
    [activation],
  );
  const lines = staleLog.split('\n');
  const deleting = lines.findIndex((l) => l.endsWith('Deleting a stale lock.'));
  const inside = at('error', 'Error: EACCES: permission denied');
  lines.splice(deleting, 0, inside);
  assert.equal(logErrors(lines.join('\n')).length, 4, 'nothing of that hand-over is ignored');
});

test('a lock held by a live host (storage moved to <id>-1) stays an error', () => {
  const live = [
    at('info', 'Extension host with pid 5518 started'),
    at('error', `Error: EEXIST: file already exists, open '${LOCK}'`),
    at('info', `Lock '${LOCK}': Could not acquire lock, checking if the file is stale.`),
    at('info', `Lock '${LOCK}': The lock does not look stale, elapsed: 6443 ms, giving up.`),
    at('info', `Lock '${LOCK.replace('367f8267', '367f8267-1')}': Lock acquired.`),
  ].join('\n');
  assert.equal(logErrors(live).length, 1);
});

test('empty lock contents without the stale-lock deletion stay errors', () => {
  const lines = staleLog.split('\n').filter((l) => !l.endsWith('Deleting a stale lock.'));
  assert.equal(logErrors(lines.join('\n')).length, 3);
});
