import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchResultSchema } from '../../shared/contract/modelLab.js';
import { DataType } from '../services/models/onnx/dataTypes.js';
import { writeModel } from '../services/models/onnx/testModels.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { runMlw } from './testing/runMlw.js';

let dir: string;
let worker: string;
let previousWorker: string | undefined;
let model: string;
const mlw = (...argv: string[]) => runMlw(join(dir, 'ws'), argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-bench-exit-'));
  worker = await buildModelWorker();
  previousWorker = process.env.MLW_MODEL_WORKER;
  process.env.MLW_MODEL_WORKER = worker;
  // x [n] + c [3] loads (n may be 1 or 3) and runs for a batch of 1, but fails for a batch of 5.
  model = await writeModel(dir, 'broadcast.onnx', {
    opset: 13,
    graph: {
      nodes: [{ op: 'Add', inputs: ['x', 'c'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['n'] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [3] }],
      initializers: [{ name: 'c', dataType: DataType.FLOAT, dims: [3], float_data: [1, 2, 3] }],
    },
  });
}, 120_000);

afterAll(async () => {
  if (previousWorker === undefined) delete process.env.MLW_MODEL_WORKER;
  else process.env.MLW_MODEL_WORKER = previousWorker;
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe('mlw model bench exit codes', () => {
  it('exits 1 when no cell ran, with the reasons in the table and a line saying so', async () => {
    const { code, stdout, stderr } = await mlw('model', 'bench', model, '--batch', '5', '--runs', '2');
    expect(code).toBe(1);
    expect(stdout).toMatch(/failed \(batch 5\): /);
    expect(stderr).toBe(
      'mlw: no cell of the benchmark ran (1 failed, 0 skipped of 1); see the reasons above.\n',
    );
  });

  it('keeps --json one document on stdout and still exits 1', async () => {
    const { code, stdout, stderr } = await mlw(
      '--json',
      'model',
      'bench',
      model,
      '--batch',
      '5',
      '--runs',
      '2',
    );
    expect(code).toBe(1);
    expect(benchResultSchema.parse(JSON.parse(stdout)).cells.map((c) => c.status)).toEqual(['failed']);
    expect(stderr).toContain('no cell of the benchmark ran');
  });

  it('exits 0 with a warning when only some cells failed', async () => {
    const { code, stdout, stderr } = await mlw('model', 'bench', model, '--batch', '1,5', '--runs', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/failed \(batch 5\): /);
    expect(stderr).toBe(
      'mlw: warning: 1 of 2 cells did not run (1 failed, 0 skipped); see the reasons above.\n',
    );
  });
});
