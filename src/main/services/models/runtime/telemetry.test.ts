import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../../test/fixtures/onnxTestData.js';
import { createModelHost } from './modelHost.js';
import { buildModelWorker } from './testing/buildWorker.js';
import { forkWorker } from '../../workerHost/index.js';

const skipReason = onnxTestDataSkipReason();
let dir: string;
let entry: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-ort-home-'));
  entry = await buildModelWorker();
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('the model worker and ONNX Runtime telemetry', () => {
  it('writes nothing under the HOME and XDG_CACHE_HOME it is given (no device id, no event database)', async () => {
    const home = join(dir, 'home');
    const cache = join(dir, 'cache');
    // Both exist, as a user's do: ORT would not create a missing home.
    await mkdir(home);
    await mkdir(cache);
    const spawn = forkWorker(entry);
    const host = createModelHost({
      spawn: (env) => spawn({ ...env, HOME: home, XDG_CACHE_HOME: cache }),
    });
    try {
      const opened = await host.open(join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx'), {
        executionProvider: 'cpu',
        graphOptimization: 'all',
      });
      expect(opened.inputs.map((i) => i.name)).toEqual(['x', 'y']);
    } finally {
      await host.dispose();
    }
    expect(await readdir(home, { recursive: true })).toEqual([]);
    expect(await readdir(cache, { recursive: true })).toEqual([]);
  });
});
