import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import { DataType } from './onnx/dataTypes.js';
import { writeModel, type GraphSpec } from './onnx/testModels.js';
import { createModelHost, type ModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { forkWorker } from '../workerHost/index.js';
import { createJobService } from '../jobs/index.js';
import { createModelLab } from './lab/index.js';
import { createModelService } from './modelService.js';
import { observeShapes } from './observeShapes.js';

const F = DataType.FLOAT;
let dir: string;
let entry: string;
let host: ModelHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-observe-'));
  entry = await buildModelWorker();
  host = createModelHost({ spawn: forkWorker(entry) });
});
afterAll(async () => {
  await host.dispose();
  await rm(entry, { force: true });
  await rm(dir, { recursive: true, force: true });
});

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** x [n, 4] · w [4, 8] = h [n, 8]; h and h side by side along axis 0 = c [2n, 8]; y = sum of c. */
const symbolic: GraphSpec = {
  nodes: [
    { op: 'MatMul', inputs: ['x', 'w'], outputs: ['h'] },
    { op: 'Concat', inputs: ['h', 'h'], outputs: ['c'], attributes: { axis: 0 } },
    { op: 'ReduceSum', inputs: ['c'], outputs: ['y'], attributes: { keepdims: 0 } },
  ],
  inputs: [{ name: 'x', elemType: F, shape: ['n', 4] }],
  outputs: [{ name: 'y', elemType: F, shape: [] }],
  initializers: [{ name: 'w', dataType: F, dims: [4, 8], float_data: Array.from({ length: 32 }, () => 0.5) }],
};

describe('observing the shapes of intermediate values on ONNX Runtime', () => {
  it('records every value, sized by the dimension the user chose, and leaves the model file alone', async () => {
    const path = await writeModel(dir, 'symbolic.onnx', { graph: symbolic, opset: 13 });
    const before = await sha(path);
    const three = await observeShapes(host, path, { dims: { n: 3 } }, context());
    expect(three.dims).toEqual({ n: 3 });
    expect(three.values).toEqual({
      x: { type: 'float32', dims: [3, 4] },
      h: { type: 'float32', dims: [3, 8] },
      c: { type: 'float32', dims: [6, 8] },
      y: { type: 'float32', dims: [] },
    });
    expect(three.unobserved).toEqual([]);
    const byDefault = await observeShapes(host, path, {}, context());
    expect(byDefault.dims).toEqual({ n: 1 });
    expect(byDefault.values.c).toEqual({ type: 'float32', dims: [2, 8] });
    expect(await sha(path)).toBe(before);
    expect(await readdir(dir)).toEqual(['symbolic.onnx']);
  });

  it('reads weights kept in an external data file beside the model', async () => {
    const folder = await mkdtemp(join(dir, 'external-'));
    await writeFile(join(folder, 'w.bin'), new Uint8Array(new Float32Array(32).fill(0.5).buffer));
    const path = await writeModel(folder, 'external.onnx', {
      opset: 13,
      graph: {
        ...symbolic,
        initializers: [
          { name: 'w', dataType: F, dims: [4, 8], external: { location: 'w.bin', offset: 0, length: 128 } },
        ],
      },
    });
    const observed = await observeShapes(host, path, { dims: { n: 5 } }, context());
    expect(observed.values.h).toEqual({ type: 'float32', dims: [5, 8] });
    expect(observed.values.c).toEqual({ type: 'float32', dims: [10, 8] });
    expect((await readdir(folder)).sort()).toEqual(['external.onnx', 'w.bin']);
  });

  it('says which values inside If branches and Loop bodies it cannot observe, and observes the rest', async () => {
    const branch = (op: string, name: string): GraphSpec => ({
      name,
      nodes: [{ op, inputs: ['a'], outputs: [`${name}_out`] }],
      inputs: [],
      outputs: [{ name: `${name}_out`, elemType: F, shape: [2, 3] }],
    });
    const body: GraphSpec = {
      name: 'body',
      nodes: [
        { op: 'Identity', inputs: ['cond_in'], outputs: ['cond_out'] },
        { op: 'Add', inputs: ['acc_in', 'acc_in'], outputs: ['doubled'] },
        { op: 'Identity', inputs: ['doubled'], outputs: ['acc_out'] },
      ],
      inputs: [
        { name: 'i', elemType: DataType.INT64, shape: [] },
        { name: 'cond_in', elemType: DataType.BOOL, shape: [] },
        { name: 'acc_in', elemType: F, shape: [2, 3] },
      ],
      outputs: [
        { name: 'cond_out', elemType: DataType.BOOL, shape: [] },
        { name: 'acc_out', elemType: F, shape: [2, 3] },
      ],
    };
    const path = await writeModel(dir, 'control.onnx', {
      opset: 13,
      graph: {
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['a'] },
          {
            op: 'If',
            name: 'choose',
            inputs: ['cond'],
            outputs: ['chosen'],
            attributes: {
              then_branch: { graph: branch('Neg', 'then') },
              else_branch: { graph: branch('Abs', 'else') },
            },
          },
          {
            op: 'Loop',
            name: 'repeat',
            inputs: ['trips', '', 'chosen'],
            outputs: ['looped'],
            attributes: { body: { graph: body } },
          },
        ],
        inputs: [
          { name: 'x', elemType: F, shape: [2, 3] },
          { name: 'cond', elemType: DataType.BOOL, shape: [] },
          { name: 'trips', elemType: DataType.INT64, shape: [] },
        ],
        outputs: [{ name: 'looped', elemType: F, shape: [2, 3] }],
      },
    });
    const observed = await observeShapes(host, path, {}, context());
    expect(observed.values.a).toEqual({ type: 'float32', dims: [2, 3] });
    expect(observed.values.chosen).toEqual({ type: 'float32', dims: [2, 3] });
    expect(observed.values.looped).toEqual({ type: 'float32', dims: [2, 3] });
    expect(observed.unobserved.map((u) => u.name).sort()).toEqual(
      ['acc_out', 'cond_out', 'doubled', 'else_out', 'then_out'].sort(),
    );
    const inThen = observed.unobserved.find((u) => u.name === 'then_out');
    expect(inThen?.reason).toBe(
      "computed inside choose's then_branch (If); ONNX Runtime returns only main-graph values",
    );
    expect(observed.unobserved.find((u) => u.name === 'doubled')?.reason).toContain("repeat's body (Loop)");
  });

  it('names both branches of an If for a value name they share', async () => {
    const branch = (op: string): GraphSpec => ({
      name: op,
      nodes: [{ op, inputs: ['x'], outputs: ['picked'] }],
      inputs: [],
      outputs: [{ name: 'picked', elemType: F, shape: [3] }],
    });
    const path = await writeModel(dir, 'shared-names.onnx', {
      opset: 13,
      graph: {
        nodes: [
          {
            op: 'If',
            inputs: ['cond'],
            outputs: ['y'],
            attributes: { then_branch: { graph: branch('Neg') }, else_branch: { graph: branch('Abs') } },
          },
        ],
        inputs: [
          { name: 'x', elemType: F, shape: [3] },
          { name: 'cond', elemType: DataType.BOOL, shape: [] },
        ],
        outputs: [{ name: 'y', elemType: F, shape: [3] }],
      },
    });
    const observed = await observeShapes(host, path, {}, context());
    expect(observed.values.y).toEqual({ type: 'float32', dims: [3] });
    expect(observed.unobserved).toEqual([
      {
        name: 'picked',
        reason:
          "computed inside if_0's then_branch (If) and if_0's else_branch (If); ONNX Runtime returns only main-graph values",
      },
    ]);
  });

  it('fails with ONNX Runtime’s reason when the model cannot load, and stops when cancelled as the run starts', async () => {
    const path = await writeModel(dir, 'custom.onnx', {
      opset: [
        { domain: '', version: 13 },
        { domain: 'com.example', version: 1 },
      ],
      graph: {
        nodes: [{ op: 'Frobnicate', domain: 'com.example', inputs: ['x'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: F, shape: [1] }],
        outputs: [{ name: 'y', elemType: F, shape: [1] }],
      },
    });
    const error: unknown = await observeShapes(host, path, {}, context()).catch((e: unknown) => e);
    expect(isWorkbenchError(error) && error.code).toBe('MODEL_INVALID');
    expect((error as Error).message).toContain('Frobnicate');

    const good = await writeModel(dir, 'cancel.onnx', { graph: symbolic, opset: 13 });
    const controller = new AbortController();
    // Cancelled as the run starts; the job around it reports CANCELLED for any error after an abort.
    const cancelled: unknown = await observeShapes(
      host,
      good,
      {},
      {
        signal: controller.signal,
        progress: (_, stage) => {
          if (stage?.startsWith('Running')) controller.abort();
        },
      },
    ).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(Error);
    expect((cancelled as Error).name).toBe('AbortError');
    expect((await observeShapes(host, good, {}, context())).values.h?.dims).toEqual([1, 8]);
  });
});

describe('observing shapes as a job', () => {
  it('reports progress, and a cancel during a long run kills the worker and ends the job as cancelled', async () => {
    // 40 MatMuls of [2048, 512] × [512, 512] at n = 2048: seconds of work on one thread.
    const layers = 40;
    const path = await writeModel(dir, 'slow.onnx', {
      opset: 13,
      graph: {
        nodes: Array.from({ length: layers }, (_, i) => ({
          op: 'MatMul',
          inputs: [i === 0 ? 'x' : `h${i - 1}`, 'w'],
          outputs: [i === layers - 1 ? 'y' : `h${i}`],
        })),
        inputs: [{ name: 'x', elemType: F, shape: ['n', 512] }],
        outputs: [{ name: 'y', elemType: F, shape: ['n', 512] }],
        initializers: [{ name: 'w', dataType: F, dims: [512, 512], raw_data: new Uint8Array(512 * 512 * 4) }],
      },
    });
    const jobs = createJobService();
    const models = createModelService({ host });
    const lab = createModelLab({ models, jobs });
    const stages: string[] = [];
    let runningPid: number | undefined;
    const started = lab.observeShapes({ path, label: 'slow.onnx' }, { dims: { n: 2048 } });
    const stop = jobs.onUpdate((job) => {
      if (job.id !== started.id) return;
      stages.push(job.stage);
      if (!job.stage.startsWith('Running')) return;
      runningPid = host.pid;
      jobs.cancel(job.id);
    });
    const done = await jobs.wait(started.id);
    stop();
    expect(done.kind).toBe('models.observeShapes');
    expect(stages).toContain('Running the model (1 of 1)');
    expect(done.status).toBe('cancelled');
    expect(done.error?.code).toBe('CANCELLED');
    // The worker that ran it was killed; the next observation starts a fresh one.
    const small = await writeModel(dir, 'after-cancel.onnx', { graph: symbolic, opset: 13 });
    expect((await observeShapes(host, small, {}, context())).values.c?.dims).toEqual([2, 8]);
    expect(runningPid).toBeDefined();
    expect(host.pid).not.toBe(runningPid);
  });
});
