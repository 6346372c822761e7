import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layeringConfigs } from '../eslint.layering.mjs';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...layeringConfigs,
  ],
});

/** The layering messages ESLint gives `code` if it stood at `path` in this repository. */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('the layering lint of DESIGN.md', () => {
  it.each([
    [
      'src/main/services/datasets/x.ts',
      "import { app } from 'electron';",
      /Only src\/main\/electron may import 'electron'/,
    ],
    ['src/main/rpc/x.ts', "import { ipcMain } from 'electron/main';", /Only src\/main\/electron/],
    ['src/renderer/features/x.tsx', "import { readFile } from 'node:fs/promises';", /no built-ins here/],
    ['src/renderer/features/x.tsx', "import fs from 'fs';", /no built-ins here/],
    [
      'src/renderer/features/x.tsx',
      "import { createRouter } from '../../main/rpc/router.js';",
      /only through the contract client/,
    ],
    ['src/shared/format/x.ts', "import { join } from 'node:path';", /no built-ins here/],
    [
      'src/shared/contract/x.ts',
      "import type { Router } from '../../main/rpc/router.js';",
      /src\/shared imports nothing outside/,
    ],
    [
      'src/main/services/datasets/x.ts',
      "import { createRouter } from '../../rpc/router.js';",
      /Services know nothing of rpc or the hosts/,
    ],
    [
      'src/main/services/datasets/x.ts',
      "import { createJobService } from '../jobs/jobService.js';",
      /exported interface/,
    ],
    [
      'src/preload/x.ts',
      "import { createWorkbench } from '../main/rpc/workbench.js';",
      /knows only the contract/,
    ],
    [
      'resources/serving/src/x.ts',
      "import { createWorkbench } from '../../../src/main/rpc/workbench.js';",
      /imports only src\/shared and its own files/,
    ],
    ['resources/serving/src/x.ts', "import { z } from 'zod';", /has only onnxruntime-node and prom-client/],
    [
      'resources/serving/src/x.test.ts',
      "import { openWorkspace } from '../../../src/main/services/workspace/index.js';",
      /tests import src\/shared and the ONNX test-model helpers only/,
    ],
  ])('refuses %s: %s', async (path, code, message) => {
    const found = await problems(path, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['src/main/services/datasets/x.ts', "import { createJobService } from '../jobs/index.js';"],
    ['src/main/services/datasets/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/renderer/features/x.tsx', "import { contract } from '../../shared/contract/index.js';"],
    ['src/main/rpc/x.ts', "import { openWorkspace } from '../services/workspace/index.js';"],
    [
      'resources/serving/src/x.ts',
      "import { float16ToNumber } from '../../../src/shared/tensors/float16.js';",
    ],
    ['resources/serving/src/x.ts', "import * as ort from 'onnxruntime-node';"],
    ['resources/serving/src/x.ts', "import serverPackage from '../package.json' with { type: 'json' };"],
    [
      'resources/serving/src/x.test.ts',
      "import { writeModel } from '../../../src/main/services/models/onnx/testModels.js';",
    ],
  ])('allows %s: %s', async (path, code) => {
    expect(await problems(path, code)).toEqual([]);
  });
});
