// Lint config: TypeScript with type-aware async checks, React hooks, and the layering of
// ../shared/DESIGN.md (eslint.layering.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layeringConfigs } from './eslint.layering.mjs';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'bench/data/**',
      // The private dockerd's data root: image layers now hold the bundled model server.
      '.engines/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', '*.js', 'scripts/*.mjs', 'bin/*.mjs', 'resources/*/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportDeclaration[source.value=/^(fs|path|os|child_process|crypto|http|https|net|url|stream|events|util|worker_threads|zlib|module|readline|assert|buffer|timers)(\\u002F.*)?$/]',
          message: "Import Node built-ins with the 'node:' prefix.",
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    name: 'renderer/browser-and-react',
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...layeringConfigs,
);
