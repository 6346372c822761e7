import { copyFile, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_TESTDATA, onnxTestDataSkipReason } from '../../../../test/fixtures/onnxTestData.js';
import { DataType } from './onnx/dataTypes.js';
import { writeModel } from './onnx/testModels.js';
import { createModelHost, type ModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { forkWorker } from '../workerHost/index.js';
import { createModelService, type ModelService } from './modelService.js';

const skipReason = onnxTestDataSkipReason();
let dir: string;
let entry: string;
let host: ModelHost;
let models: ModelService;
let model: string;
const x = Float32Array.from({ length: 60 }, (_, i) => i);
const y = Float32Array.from({ length: 60 }, () => 0.5);
const feeds = {
  x: { type: 'float32' as const, dims: [3, 4, 5], data: x },
  y: { type: 'float32' as const, dims: [3, 4, 5], data: y },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-models-'));
  model = join(dir, 'add.onnx');
  await copyFile(join(ONNX_TESTDATA, 'node', 'test_add', 'model.onnx'), model).catch(() => undefined);
  entry = await buildModelWorker();
  host = createModelHost({ spawn: forkWorker(entry) });
  models = createModelService({ host, maxSessions: 2 });
});
afterAll(async () => {
  await models.dispose();
  await rm(dir, { recursive: true, force: true });
  await rm(entry, { force: true });
});

describe.skipIf(skipReason !== undefined)('running models by path through the worker', () => {
  it('keeps one session per model file and reuses it', async () => {
    const first = await models.open(model);
    const again = await models.open(model);
    expect(again.loadMs).toBe(first.loadMs);
    const { outputs } = await models.run(model, feeds);
    expect((outputs.sum?.data as Float32Array)[59]).toBe(59.5);
  });

  it('opens a fresh session when the file changes on disk', async () => {
    const first = await models.open(model);
    const later = new Date(Date.now() + 5_000);
    await utimes(model, later, later);
    const reopened = await models.open(model);
    expect(reopened.loadMs).not.toBe(first.loadMs);
  });

  it('names the input, expected and got, before anything reaches ONNX Runtime', async () => {
    await expect(
      models.run(model, {
        x: { type: 'float64', dims: [3, 4, 5], data: new Float64Array(60) },
        y: { type: 'float32', dims: [2, 30], data: new Float32Array(60) },
        z: { type: 'float32', dims: [1], data: new Float32Array(1) },
      }),
    ).rejects.toMatchObject({
      code: 'TENSOR_SHAPE',
      message:
        'add.onnx cannot take these inputs: z is not an input of the model; input x: expected float32 [3, 4, 5], got float64 [3, 4, 5]; input y: expected float32 [3, 4, 5], got float32 [2, 30].',
    });
    await expect(models.run(model, { x: feeds.x })).rejects.toThrow(/input y is missing/);
  });

  it('reopens its sessions in the fresh worker after a crash', async () => {
    await models.run(model, feeds);
    process.kill(host.pid ?? 0, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { outputs } = await models.run(model, feeds);
    expect((outputs.sum?.data as Float32Array)[0]).toBe(0.5);
  });

  it('inspects a model in the worker: inputs, operators, the graph, and no findings for a valid one', async () => {
    const { summary, findings } = await models.inspect(model);
    expect(summary.inputs.map((i) => i.name)).toEqual(['x', 'y']);
    expect(summary.operators).toEqual([{ opType: 'Add', domain: 'ai.onnx', count: 1 }]);
    expect(summary.graph.nodes).toHaveLength(1);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('says what is wrong with a file that is not a model, from the worker, and keeps working', async () => {
    const notModel = join(ONNX_TESTDATA, 'node', 'test_add', 'test_data_set_0', 'input_0.pb');
    await expect(models.inspect(notModel)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(models.run(model, feeds)).resolves.toBeDefined();
  });

  it('says a model needs more memory than there is (a 50 GB tensor), naming the node, and keeps working', async () => {
    const huge = await writeModel(dir, 'huge.onnx', {
      graph: {
        nodes: [{ op: 'ConstantOfShape', inputs: ['shape'], outputs: ['y'], name: 'fill' }],
        inputs: [{ name: 'shape', elemType: DataType.INT64, shape: [1] }],
        outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [null] }],
      },
    });
    const shape = (n: bigint) => ({
      shape: { type: 'int64' as const, dims: [1], data: BigInt64Array.from([n]) },
    });
    await expect(models.run(huge, shape(12_500_000_000n))).rejects.toMatchObject({
      code: 'MODEL_OUT_OF_MEMORY',
      message:
        'huge.onnx needs more memory than this machine gives it: node fill (ConstantOfShape) asked for 50.0 GB at once.',
    });
    const { outputs } = await models.run(huge, shape(3n));
    expect(outputs.y?.dims).toEqual([3]);
  });

  it('lists the execution providers of the worker build, CPU always available', async () => {
    const providers = await models.providers();
    expect(providers).toContainEqual({ name: 'cpu', bundled: true, note: 'Always available.' });
    for (const provider of providers) expect(provider.note).not.toBe('');
  });

  it('says a provider this machine lacks is the problem, not the model, and a bad file is still a bad file', async () => {
    // CUDA is never installed on our machines (onnxruntime-node's CUDA download is skipped).
    const cuda = await models.open(model, { executionProvider: 'cuda' }).catch((error: unknown) => error);
    expect(cuda).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /^The cuda execution provider is not available on this machine: /,
      ) as string,
      hint: expect.stringContaining('mlw model providers') as string,
    });
    const notModel = join(ONNX_TESTDATA, 'node', 'test_add', 'test_data_set_0', 'input_0.pb');
    await expect(models.open(notModel, { executionProvider: 'cuda' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
    await expect(models.run(model, feeds)).resolves.toBeDefined();
  });

  it('runs with inter-op threads (parallel execution) and gives the same answer', async () => {
    const { outputs } = await models.run(model, feeds, { interOpThreads: 2, intraOpThreads: 1 });
    expect(Array.from(outputs.sum?.data as Float32Array)).toEqual(Array.from(x, (v) => v + 0.5));
  });

  it('says NOT_FOUND for a model file that is not there', async () => {
    await expect(models.open(join(dir, 'missing.onnx'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Cannot read missing.onnx: no such file.',
    });
  });
});
