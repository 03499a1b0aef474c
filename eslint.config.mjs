// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Process layers of ARCHITECTURE.md, enforced here rather than remembered. */
const noElectron = {
  name: 'electron',
  message: 'core, api and shared code never import electron; only src/main/electron and src/preload do.',
};
const noMainFromRenderer = {
  group: ['**/main/**', '@main/*', 'electron', 'node:*'],
  message: 'the renderer talks to the main process only through the typed client of @shared/contract.',
};
const sharedOnlyZod = {
  group: [
    'node:*',
    'electron',
    'react',
    'react-dom',
    'zustand',
    'better-sqlite3',
    'ssh2',
    '**/main/**',
    '**/renderer/**',
    '@renderer/*',
    '@main/*',
  ],
  message: 'src/shared runs in every process: it may import only zod and other shared files.',
};

/**
 * Layers inside the core (ARCHITECTURE.md): db < repositories, remote, agents, prompts <
 * services < core.ts. A lower layer never imports a higher one, and services reach the remote
 * layer only through its index, so what runs on a runner has one typed entry point per script.
 */
const noServices = {
  group: ['**/services', '**/services/**', '**/core', '**/core.ts'],
  message: 'db, repositories, remote, agents and prompts sit below services: they never import them.',
};
const dbBelowEverything = {
  group: [
    '**/repositories',
    '**/repositories/**',
    '**/remote',
    '**/remote/**',
    '**/agents',
    '**/agents/**',
    '**/prompts',
    '**/prompts/**',
  ],
  message: 'the db layer is the lowest: it imports no repository, remote, agent or prompt code.',
};
const remoteThroughIndex = {
  group: ['**/remote/**'],
  message: 'services reach the remote layer only through its index (src/main/core/remote/index.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      '.tools/**',
      'artifacts/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/main/core/**', 'src/main/api/**', 'src/main/server/**', 'src/main/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['src/main/core/{repositories,remote,agents,prompts}/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noServices] }] },
  },
  {
    files: ['src/main/core/db/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noServices, dbBelowEverything] }],
    },
  },
  {
    files: ['src/main/core/services/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [remoteThroughIndex] }] },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [sharedOnlyZod] }] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noMainFromRenderer] }],
    },
  },
  {
    files: ['src/main/**', 'src/preload/**', 'test/**', 'scripts/**', 'bin/**', '*.config.*', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
