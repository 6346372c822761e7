import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../test/fixtures/onnxTestData.js';
import { loadModel, onnxRuntimeVersion } from './onnxRuntime.js';

const skipReason = onnxTestDataSkipReason();
const addModel = join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-ort-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined)('ONNX Runtime, for real', () => {
  it('names its version', () => {
    expect(onnxRuntimeVersion()).toMatch(/^ONNX Runtime \d+\.\d+\.\d+$/);
  });

  it('runs the ONNX test suite Add model and answers what arithmetic says', async () => {
    const model = await loadModel(addModel);
    expect(model.inputNames).toEqual(['x', 'y']);
    expect(model.outputNames).toEqual(['sum']);
    const x = Float32Array.from({ length: 60 }, (_, i) => i * 0.5 - 7);
    const y = Float32Array.from({ length: 60 }, (_, i) => Math.sin(i));
    const { sum } = await model.run({
      x: { type: 'float32', dims: [3, 4, 5], data: x },
      y: { type: 'float32', dims: [3, 4, 5], data: y },
    });
    expect(sum?.dims).toEqual([3, 4, 5]);
    expect(Array.from(sum?.data as Float32Array)).toEqual(
      Array.from(x, (value, i) => Math.fround(value + (y[i] ?? 0))),
    );
    await model.release();
  });

  it('names the input and what it expected when a feed has the wrong shape', async () => {
    const model = await loadModel(addModel);
    const wrong = model.run({
      x: { type: 'float32', dims: [2, 3], data: new Float32Array(6) },
      y: { type: 'float32', dims: [3, 4, 5], data: new Float32Array(60) },
    });
    await expect(wrong).rejects.toMatchObject({
      code: 'TENSOR_SHAPE',
      message: expect.stringMatching(/Invalid rank for input: x Got: 2 Expected: 3/) as unknown,
    });
    await model.release();
  });

  it.each([
    ['random bytes', Buffer.from('this is not a model at all')],
    ['a truncated model', async () => (await readFile(addModel)).subarray(0, 60)],
  ])('refuses %s with MODEL_INVALID naming the file', async (_name, content) => {
    const path = join(dir, 'broken.onnx');
    await writeFile(path, typeof content === 'function' ? await content() : content);
    await expect(loadModel(path)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('broken.onnx is not a model ONNX Runtime can load') as unknown,
    });
  });
});
