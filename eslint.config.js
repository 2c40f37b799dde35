// Lint configuration: typescript-eslint's recommended rules over src/ and test/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['lib/', 'dist/', 'node_modules/', 'coverage/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='toFixed']", message: 'Money is Decimal: never toFixed (use src/amount/format.ts).' },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Amounts are parsed from their text (src/amount/parse.ts), never through a JS number.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/print/**', 'src/orchestrate/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'puppeteer*'], message: 'Only cli/, print/ and orchestrate/ touch the file system or the browser.' }] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'The core is deterministic: dates come from the report or SOURCE_DATE_EPOCH.' }],
    },
  },
);
