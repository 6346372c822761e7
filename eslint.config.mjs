// Lint config. The `layering` blocks below enforce the import rules of ../shared/DESIGN.md:
// a file's path says what it may touch.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const noNodeBuiltins = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node: no built-ins here.' })),
};

/** no-restricted-imports patterns shared by every layer rule below. */
const pattern = (regex, message) => ({ regex, message });

const electronOnlyInHost = pattern(
  '^electron(/.*)?$',
  "Only src/main/electron may import 'electron' (DESIGN.md, layering).",
);

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'],
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
    name: 'layering/shared',
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noNodeBuiltins,
          patterns: [
            electronOnlyInHost,
            pattern(
              '^\\.\\./\\.\\./(main|renderer|preload)(/|$)',
              'src/shared imports nothing outside src/shared.',
            ),
            pattern('^(\\.\\./)+(main|renderer|preload)/', 'src/shared imports nothing outside src/shared.'),
          ],
        },
      ],
    },
  },
  {
    name: 'layering/renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...noNodeBuiltins,
          patterns: [
            electronOnlyInHost,
            pattern(
              '^(\\.\\./)+(main|preload)/',
              'The renderer talks to main only through the contract client.',
            ),
          ],
        },
      ],
    },
  },
  {
    name: 'layering/services',
    files: ['src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronOnlyInHost,
            pattern(
              '^(\\.\\./)+(rpc|server|cli|electron)/',
              'Services know nothing of rpc or the hosts; the hosts import the services.',
            ),
            pattern(
              '^\\.\\./(?!\\.)[^/]+/(?!index\\.js$)[^/]+',
              "Use another service's exported interface (its index.ts), not its internals.",
            ),
            pattern('^(\\.\\./)+(renderer|preload)/', 'Main-process code never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    name: 'layering/main-hosts',
    files: ['src/main/rpc/**/*.ts', 'src/main/server/**/*.ts', 'src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronOnlyInHost,
            pattern('^(\\.\\./)+(renderer|preload)/', 'Main-process code never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    name: 'layering/preload',
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noNodeBuiltins,
          patterns: [pattern('^(\\.\\./)+(main|renderer)/', 'The preload knows only the contract.')],
        },
      ],
    },
  },
);
