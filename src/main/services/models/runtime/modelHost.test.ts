import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../../test/fixtures/onnxTestData.js';
import { createModelHost, type ModelHost } from './modelHost.js';
import type { SessionSettings } from './protocol.js';
import { buildModelWorker } from './testing/buildWorker.js';
import { forkWorker } from '../../workerHost/index.js';

const skipReason = onnxTestDataSkipReason();
const addModel = join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx');
const settings: SessionSettings = { executionProvider: 'cpu', graphOptimization: 'all' };
let entry: string;
let host: ModelHost;

beforeAll(async () => {
  entry = await buildModelWorker();
  host = createModelHost({ spawn: forkWorker(entry) });
});
afterAll(async () => {
  await host.dispose();
  await rm(entry, { force: true });
});

const feeds = (size: number) => {
  const x = Float32Array.from({ length: size }, (_, i) => i * 0.25 - 3);
  const y = Float32Array.from({ length: size }, (_, i) => Math.cos(i));
  return { x, y };
};

describe.skipIf(skipReason !== undefined)('the model worker, a real forked process with ONNX Runtime', () => {
  it('opens a model, names its inputs and outputs, and runs it in the worker', async () => {
    const session = await host.open(addModel, settings);
    expect(session.inputs).toEqual([
      { name: 'x', type: 'float32', shape: [3, 4, 5] },
      { name: 'y', type: 'float32', shape: [3, 4, 5] },
    ]);
    expect(session.outputs.map((o) => o.name)).toEqual(['sum']);
    const { x, y } = feeds(60);
    const { outputs, runMs } = await host.run(session.sessionId, {
      x: { type: 'float32', dims: [3, 4, 5], data: x },
      y: { type: 'float32', dims: [3, 4, 5], data: y },
    });
    expect(runMs).toBeGreaterThan(0);
    expect(outputs.sum?.dims).toEqual([3, 4, 5]);
    expect(Array.from(outputs.sum?.data as Float32Array)).toEqual(
      Array.from(x, (v, i) => Math.fround(v + (y[i] ?? 0))),
    );
    expect(host.pid).not.toBe(process.pid);
  });

  it('moves tensors too big to send inline through the exchange file, both ways', async () => {
    // AveragePool 3-D, kernel 2x2x2, stride 1: a 393 KB input and a 357 KB output.
    const model = join(ONNX_TESTDATA, 'node', 'test_averagepool_3d_default', 'model.onnx');
    const session = await host.open(model, settings);
    expect(session.inputs[0]?.shape).toEqual([1, 3, 32, 32, 32]);
    const input = Float32Array.from({ length: 3 * 32 ** 3 }, (_, i) => Math.sin(i * 0.37) * 10);
    const { outputs } = await host.run(session.sessionId, {
      x: { type: 'float32', dims: [1, 3, 32, 32, 32], data: input },
    });
    const y = outputs.y;
    expect(y?.dims).toEqual([1, 3, 31, 31, 31]);
    const at = (c: number, d: number, h: number, w: number): number =>
      input[((c * 32 + d) * 32 + h) * 32 + w] ?? NaN;
    for (const [c, d, h, w] of [
      [0, 0, 0, 0],
      [1, 15, 7, 30],
      [2, 30, 30, 30],
    ] as const) {
      let sum = 0;
      for (const dd of [0, 1])
        for (const hh of [0, 1]) for (const ww of [0, 1]) sum += at(c, d + dd, h + hh, w + ww);
      const got = (y?.data as Float32Array)[((c * 31 + d) * 31 + h) * 31 + w] ?? NaN;
      expect(got).toBeCloseTo(sum / 8, 4);
    }
  });

  it('reports a wrong shape as TENSOR_SHAPE naming the input, and keeps working', async () => {
    const session = await host.open(addModel, settings);
    await expect(
      host.run(session.sessionId, {
        x: { type: 'float32', dims: [2, 3], data: new Float32Array(6) },
        y: { type: 'float32', dims: [3, 4, 5], data: new Float32Array(60) },
      }),
    ).rejects.toMatchObject({ code: 'TENSOR_SHAPE', message: expect.stringMatching(/input: x/) as unknown });
    const { x, y } = feeds(60);
    await expect(
      host.run(session.sessionId, {
        x: { type: 'float32', dims: [3, 4, 5], data: x },
        y: { type: 'float32', dims: [3, 4, 5], data: y },
      }),
    ).resolves.toBeDefined();
  });

  it('survives the worker crashing mid-run: the run fails with MODEL_CRASHED and the next one gets a fresh worker', async () => {
    const session = await host.open(addModel, settings);
    const before = host.generation;
    const pid = host.pid;
    expect(pid).toBeDefined();
    const { x, y } = feeds(60);
    const tensors = {
      x: { type: 'float32' as const, dims: [3, 4, 5], data: x },
      y: { type: 'float32' as const, dims: [3, 4, 5], data: y },
    };
    // A long benchmark is in flight when the worker aborts, as a native crash would.
    const running = host.bench(session.sessionId, tensors, { warmup: 0, runs: 10_000_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(pid ?? 0, 'SIGABRT');
    await expect(running).rejects.toMatchObject({
      code: 'MODEL_CRASHED',
      message: expect.stringMatching(
        /^The model worker was killed by SIGABRT.* while benchmarking the model\.$/,
      ) as unknown,
    });
    const again = await host.open(addModel, settings);
    expect(host.generation).toBe(before + 1);
    expect(host.pid).not.toBe(pid);
    await expect(host.run(again.sessionId, tensors)).resolves.toBeDefined();
  });

  it('cancels a run by stopping the worker, and reports it as cancelled', async () => {
    const session = await host.open(addModel, settings);
    const { x, y } = feeds(60);
    const controller = new AbortController();
    const running = host.bench(
      session.sessionId,
      {
        x: { type: 'float32', dims: [3, 4, 5], data: x },
        y: { type: 'float32', dims: [3, 4, 5], data: y },
      },
      { warmup: 0, runs: 10_000_000 },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(host.open(addModel, settings)).resolves.toBeDefined();
  });

  it.each([
    ['random bytes', () => Promise.resolve(Buffer.from('this is not a model at all'))],
    ['a truncated model', async () => (await readFile(addModel)).subarray(0, 60)],
  ])('refuses %s with MODEL_INVALID naming the file', async (_name, content) => {
    const dir = await mkdtemp(join(tmpdir(), 'mlw-broken-model-'));
    const path = join(dir, 'broken.onnx');
    await writeFile(path, await content());
    await expect(host.open(path, settings)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('broken.onnx is not a model ONNX Runtime can load') as unknown,
    });
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not a model with MODEL_INVALID', async () => {
    await expect(
      host.open(join(ONNX_TESTDATA, 'node', 'test_add', 'test_data_set_0', 'input_0.pb'), settings),
    ).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/^input_0\.pb is not a model ONNX Runtime can load/) as unknown,
    });
  });
});
