// The import rules of ../shared/DESIGN.md, by layer: a file's path says what it may touch.
// eslint.config.mjs applies them; test/layering.test.ts proves each one fails a file that breaks it.
import { builtinModules } from 'node:module';

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

/** @type {import('eslint').Linter.Config[]} */
export const layeringConfigs = [
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
            pattern('^(\\.\\./)+(main|renderer|preload)/', 'src/shared imports nothing outside src/shared.'),
          ],
        },
      ],
    },
  },
  {
    name: 'layering/renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
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
    // Bundled alone into container images (scripts/build-serving.mjs): its own files, pure shared
    // code, and the two packages resources/serving/package.json declares.
    name: 'layering/serving',
    files: ['resources/serving/src/**/*.ts'],
    ignores: ['resources/serving/src/**/*.test.ts', 'resources/serving/src/testFixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              '^\\.\\./(?!package\\.json$|\\.\\./\\.\\./src/shared/)',
              'The model server imports only src/shared and its own files: it is bundled alone into images.',
            ),
            pattern(
              '^(?!node:|onnxruntime-node$|prom-client$|\\.)',
              "The model server's package.json has only onnxruntime-node and prom-client.",
            ),
          ],
        },
      ],
    },
  },
  {
    name: 'layering/serving-tests',
    files: ['resources/serving/src/**/*.test.ts', 'resources/serving/src/testFixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              '^\\.\\./\\.\\./\\.\\./src/(?!shared/|main/services/models/onnx/(testModels|dataTypes)\\.js$)',
              "The model server's tests import src/shared and the ONNX test-model helpers only.",
            ),
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
];
