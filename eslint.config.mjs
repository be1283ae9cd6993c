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

// In files that talk to VS Code, what people read goes through vscode.l10n.t (npm run l10n extracts it into
// l10n/bundle.l10n.json): a string literal handed straight to a notification, a modal, or a quick pick's or input
// box's title, placeholder or prompt would stay English in every language.
const SHOW_MESSAGE = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const TEXT_PROPERTIES = new Set(['title', 'placeHolder', 'prompt', 'detail', 'tooltip']);
const localizedText = {
  meta: { type: 'problem', messages: { literal: 'Pass people\'s words through vscode.l10n.t(…), not as a string literal ({{where}}).' }, schema: [] },
  create(context) {
    const importsVscode = context.sourceCode.ast.body.some((n) => n.type === 'ImportDeclaration' && n.source.value === 'vscode' && n.importKind !== 'type');
    if (!importsVscode) return {};
    /** A literal with words in it: codicons (`$(key)`) and placeholders alone are not words. */
    const isWords = (node) => {
      const text =
        node.type === 'Literal' && typeof node.value === 'string'
          ? node.value
          : node.type === 'TemplateLiteral'
            ? node.quasis.map((q) => q.value.cooked ?? '').join(' ')
            : node.type === 'BinaryExpression' && node.operator === '+'
              ? (isWords(node.left) || isWords(node.right) ? 'words' : '')
              : '';
      return /[A-Za-z]{2,}/.test(text.replace(/\$\([a-z-~]+\)/g, '').replace(/\{[0-9]+\}/g, ''));
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        const name = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : callee.type === 'Identifier' ? callee.name : '';
        if (!SHOW_MESSAGE.has(name)) return;
        for (const arg of node.arguments) if (isWords(arg)) context.report({ node: arg, messageId: 'literal', data: { where: name } });
      },
      Property(node) {
        const key = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? node.key.value : '';
        if (TEXT_PROPERTIES.has(key) && isWords(node.value)) context.report({ node: node.value, messageId: 'literal', data: { where: key } });
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
    plugins: { local: { rules: { 'vscode-free': vscodeFree, 'localized-text': localizedText } } },
    rules: { 'local/vscode-free': 'error', 'local/localized-text': 'error' },
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
        paths: [
          { name: 'vscode', message: 'src/records runs in the webview too.' },
          { name: '@vscode/l10n', message: 'src/records runs in the webview too, which gets its words from the extension: take them as a RecordWords table.' },
        ],
        patterns: [{ group: ['**/history/*', '**/webview/*'], message: 'src/records is the bottom layer: history and webview import it, not the reverse.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
