// Flat config: recommended JS + TypeScript rules, plus the one architectural rule that matters most here:
// the cloud core must never import VS Code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// A file whose header comment promises "No VS Code" (or "without VS Code", "needs no VS Code") is unit-tested
// outside VS Code: hold it to that promise, so the comment cannot silently go stale.
const HEADER_PROMISE = /\b(no|without|needs no) VS Code\b/i;
const vscodeFree = {
  meta: { type: 'problem', messages: { promised: 'This file\'s header says it has no VS Code import.' }, schema: [] },
  create(context) {
    const source = context.sourceCode;
    const first = source.ast.body[0];
    const header = source.getAllComments().filter((c) => !first || c.range[1] <= first.range[0]);
    if (!header.some((c) => HEADER_PROMISE.test(c.value))) return {};
    const check = (node, name) => {
      if (name === 'vscode') context.report({ node, messageId: 'promised' });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression?.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]?.value);
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.tools/**', 'test-output/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: { rules: { 'vscode-free': vscodeFree } } },
    rules: { 'local/vscode-free': 'error' },
  },
  {
    files: ['src/cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/cloud is the VS Code-free core.' }] }],
    },
  },
  {
    // The heavy half of the core loads pop-core: outside the core and tests it is reached lazily, in one place.
    files: ['src/**/*.ts'],
    ignores: ['src/cloud/**', 'src/profiles/cloudClients.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cloud/clients', '**/cloud/mps', '**/cloud/vod', '**/cloud/rpc'], allowTypeImports: true, message: 'Load the clients lazily through profiles/cloudClients.ts.' }] },
      ],
    },
  },
  {
    // Layers call down only: history wires the inspector, so the inspector never imports history; records are
    // what both read and import neither (nor VS Code: the webview bundles them).
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/history/*'], message: 'src/webview is below src/history: take what you need through the InspectorPort or src/records.' }] }],
    },
  },
  {
    files: ['src/records/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/records runs in the webview too.' }],
        patterns: [{ group: ['**/history/*', '**/webview/*'], message: 'src/records is the bottom layer: history and webview import it, not the reverse.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
