import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'renderer/.dist-*/**', 'coverage/**', 'test-artifacts/**', 'release/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The core runs headless (CLI, serve): it must never reach for Electron.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core and the CLI run without Electron.' }] }],
    },
  },
  {
    // The window reaches the main process only through the guarded api:invoke channel.
    files: ['electron/shell/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { property: 'sendSync', message: 'Synchronous IPC blocks the main process; use the api:invoke channel (electron/shell/ipc.ts).' }],
    },
  },
);
