// Lint for the whole repo: type-aware rules for TypeScript (through the tsconfig*.json files), the promise rules
// for the JavaScript scripts and E2E harness, no import cycles, and the folder rules that say what each part may
// import (docs/architecture: shared <- engine <- worker/cli, shared <- extension, shared <- webview).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const TS = ['**/*.ts'];
const JS = ['**/*.{js,mjs,cjs}'];
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** A no-restricted-imports entry that forbids node's modules and `vscode` (and says why in `where`). */
const noNodeOrVscode = (where) => [
  { name: 'vscode', message: `${where} must not import vscode.` },
  ...NODE_BUILTINS.map((name) => ({ name, message: `${where} runs without node: no node modules.` })),
];

/** Folders a part must not import from, resolved as files (so `../../engine/x` is caught however it is spelt). */
const zones = [
  {
    target: './webview',
    from: './src',
    except: ['./shared'],
    message: 'The webview imports only src/shared from src/.',
  },
  {
    target: './src/shared',
    from: ['./src/engine', './src/extension', './src/cli', './src/worker', './webview'],
    message: 'src/shared is imported by every side and imports none of them.',
  },
  {
    target: './src/engine',
    from: ['./src/extension', './src/cli', './src/worker', './webview'],
    message: 'The engine knows neither the extension, the CLI, the worker nor the webview.',
  },
  { target: './src/worker', from: ['./src/extension', './src/cli', './webview'] },
  {
    target: './src/report',
    from: ['./src/extension', './src/cli', './src/worker', './webview'],
    message:
      'The report writer serves the CLI and the extension: it imports neither (nor the webview: it reads its bundle).',
  },
  {
    target: './src/cli',
    from: ['./src/extension', './src/worker', './webview'],
    message: 'The CLI and the extension never import each other.',
  },
  {
    target: './src/extension',
    from: ['./src/cli', './webview'],
    message: 'The CLI and the extension never import each other.',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.e2e/**', 'test-output/**', 'bench/data/**', 'bench/.cache/**'],
  },
  js.configs.recommended,
  tseslint.configs.base,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: TS })),
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        // Each file is checked in the program of the first config that holds it: browser code (and the shared code
        // it imports) under the webview config, the webview's jsdom tests under theirs, everything else as node code.
        project: ['./tsconfig.webview.json', './tsconfig.webview-test.json', './tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })],
      // no-cycle follows imports into the files they name, so it must know how to parse TypeScript.
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mjs', '.js'] },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      'no-constant-condition': ['error', { checkLoops: false }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones, basePath: import.meta.dirname }],
      // Product code: a function reads at once (80 lines), or says why not:
      // `// eslint-disable-next-line max-lines-per-function -- <why>`. Benches and tests only warn (a test's steps
      // often share one long setup on purpose).
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['bench/**', 'test/**', 'scripts/**', 'fixtures/**'],
    rules: { 'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: TS,
    rules: {
      // An async function without await is how a callback keeps the Promise signature its caller wants (command
      // guards, test callbacks); the promise rules catch the mistakes that matter.
      '@typescript-eslint/require-await': 'off',
      // The CSV tokenizer throws this small record out of its scanning loop and catches it in the same file, where
      // it becomes a located LavaInputError: a stack trace would only cost time.
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'file', name: 'QuoteProblem', path: 'src/engine/read/table.ts' }] },
      ],
    },
  },
  // Tests read result files as JSON and assert on their fields: an untyped value there ends in an assertion, which
  // is the check, so the no-unsafe-* rules would only ask for casts. Numbers and arrays print fine in messages.
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowAny: true,
          allowArray: true,
          allowBoolean: true,
          allowNullish: true,
          allowNumber: true,
          allowRegExp: true,
        },
      ],
    },
  },
  // JavaScript has no declared types, so of the type-aware rules only those about promises (the libraries' own
  // types say what returns one).
  {
    files: JS,
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // Browser code and the code every side shares: no node modules, no vscode.
  {
    files: ['webview/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: noNodeOrVscode('Browser and shared code') }] },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The engine runs in the CLI and the worker too: no vscode.' }] },
      ],
    },
  },
  // Plain CommonJS launchers.
  { files: ['bin/**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
