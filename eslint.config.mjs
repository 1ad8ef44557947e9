// `npm run lint` (part of `npm test`): typescript-eslint with type information, formatting rules from
// @stylistic (the linter formats; no separate formatter rewrites the tree), and the layering of DEVELOPERS.md as
// a rule: core ← host, server ← cli; core ← webview; core, host ← extension; nothing imports extension/.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import stylistic from '@stylistic/eslint-plugin';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** What each product folder may import from the others (its own folder always). */
const LAYERS = {
  core: [],
  host: ['core'],
  server: ['core'],
  cli: ['core', 'server', 'host'],
  webview: ['core'],
  // The extension host renders the webview pages' HTML with webview/html.ts (pure: a string from options).
  extension: ['core', 'host', 'webview'],
};
/** Folders with no I/O of their own: no Node built-ins (core runs in the browser too) and no editor API. */
const PURE = new Set(['core', 'webview']);
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function layerOf(path) {
  const top = relative(ROOT, path).split(sep)[0];
  return Object.hasOwn(LAYERS, top) ? top : null;
}

/** The `optlens/layers` rule: checks every import, export-from, dynamic import and require of a product file. */
const layers = {
  meta: { type: 'problem', docs: { description: 'imports follow the layering of DEVELOPERS.md' }, schema: [] },
  create(context) {
    const from = layerOf(context.filename);
    if (from === null) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const to = layerOf(resolve(dirname(context.filename), source));
        if (to !== null && to !== from && !LAYERS[from].includes(to)) {
          context.report({ node, message: `${from}/ must not import ${to}/ (DEVELOPERS.md: ${describeLayers()})` });
        }
      } else if (PURE.has(from) && NODE_BUILTINS.has(source)) {
        context.report({ node, message: `${from}/ has no I/O: no Node built-in '${source}' here (move it to host/, server/ or cli/)` });
      } else if (PURE.has(from) && source === 'vscode') {
        context.report({ node, message: `${from}/ must not use the editor API ('vscode'); only extension/ does` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};

function describeLayers() {
  return 'core ← host, server ← cli; core ← webview; core, host ← extension; nothing imports extension/';
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'bench/out/**', 'bench/.entry.ts', 'test/e2e/.run/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    rules: {
      // A leading underscore marks a parameter or binding kept for its position or to leave a key out of a rest.
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
      // Interfaces such as SimulationRun.advance() are async by contract; some implementations finish at once.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Regexes see user text (configs of any size, hostile ones included): backtracking that grows faster than the
    // input is a hang waiting to happen (a comment of 30 `#` once took hours in one pattern).
    files: ['core/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts', 'host/**/*.ts', 'webview/**/*.ts', 'extension/**/*.ts'],
    plugins: { regexp },
    rules: { 'regexp/no-super-linear-backtracking': 'error' },
  },
  {
    // Vitest's asymmetric matchers (expect.stringContaining, expect.any) are typed `any` by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // The LSP idiom (vscode-languageserver, vscode-eslint): one namespace per request, holding its type.
    files: ['core/protocol.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    plugins: { '@stylistic': stylistic, optlens: { rules: { layers } } },
    rules: {
      'optlens/layers': 'error',
      // Strings, templates and regexes are left whole: a message or pattern split over lines is harder to grep.
      '@stylistic/max-len': ['error', {
        code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true,
      }],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/eol-last': 'error',
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0, maxBOF: 0 }],
      '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
      '@stylistic/comma-spacing': 'error',
      '@stylistic/keyword-spacing': 'error',
      '@stylistic/space-before-blocks': 'error',
      '@stylistic/object-curly-spacing': ['error', 'always'],
      '@stylistic/no-tabs': 'error',
    },
  },
);
