// Flat config: recommended JS + TypeScript rules, plus the one architectural rule that matters most here:
// the cloud core must never import VS Code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
