// Lets a unit test load host files that import 'vscode': the module resolves to vscodeApi.ts beside this file.
import Module from 'node:module';
import { join } from 'node:path';

const stub = join(import.meta.dirname, 'vscodeApi.ts');
// The sources load as CommonJS (through tsx), so the hook is CommonJS's resolver; ESM hooks never see them.
const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = M._resolveFilename;
M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
