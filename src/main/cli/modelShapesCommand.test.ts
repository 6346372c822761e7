import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../services/models/onnx/dataTypes.js';
import { writeModel } from '../services/models/onnx/testModels.js';
import { buildModelWorker } from '../services/models/runtime/testing/buildWorker.js';
import { runMlw } from './testing/runMlw.js';

const F = DataType.FLOAT;
let dir: string;
let worker: string;
let previousWorker: string | undefined;
let model: string;
const mlw = (...argv: string[]) => runMlw(join(dir, 'ws'), argv);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-shapes-cli-'));
  worker = await buildModelWorker();
  previousWorker = process.env.MLW_MODEL_WORKER;
  process.env.MLW_MODEL_WORKER = worker;
  // The model declares h as [2, 8]: right for n=2, wrong for any other size (and so is r, inferred from h).
  model = await writeModel(dir, 'declared.onnx', {
    opset: 13,
    graph: {
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['h'] },
        { op: 'Relu', inputs: ['h'], outputs: ['r'] },
        { op: 'ReduceSum', inputs: ['r'], outputs: ['y'], attributes: { keepdims: 0 } },
      ],
      inputs: [{ name: 'x', elemType: F, shape: ['n', 4] }],
      outputs: [{ name: 'y', elemType: F, shape: [] }],
      valueInfo: [{ name: 'h', elemType: F, shape: [2, 8] }],
      initializers: [{ name: 'w', dataType: F, dims: [4, 8], float_data: new Array<number>(32).fill(1) }],
    },
  });
}, 120_000);

afterAll(async () => {
  if (previousWorker === undefined) delete process.env.MLW_MODEL_WORKER;
  else process.env.MLW_MODEL_WORKER = previousWorker;
  await rm(dir, { recursive: true, force: true });
  await rm(worker, { force: true });
});

describe('mlw model shapes', () => {
  it('prints each value with its inferred and observed shape and flags a mismatch', async () => {
    const { code, stdout, stderr } = await mlw('model', 'shapes', model, '--dim', 'n=3');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Value\s+Inferred\s+Observed\s+Note$/);
    expect(lines.find((l) => l.startsWith('x '))).toMatch(/float32 \[n, 4\]\s+float32 \[3, 4\]$/);
    expect(lines.find((l) => l.startsWith('h '))).toMatch(/float32 \[2, 8\]\s+float32 \[3, 8\]\s+MISMATCH$/);
    expect(stdout).toContain(
      'Dims: n=3. 4 of 4 values observed in 1 run; 2 mismatches with inferred shapes.',
    );
  });

  it('gives the rows as JSON with --json, sized 1 by default', async () => {
    const { code, stdout } = await mlw('--json', 'model', 'shapes', model);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      dims: Record<string, number>;
      rows: { name: string; observed: { dims: number[] }; verdict: string }[];
    };
    expect(result.dims).toEqual({ n: 1 });
    expect(result.rows.find((r) => r.name === 'r')).toMatchObject({ observed: { dims: [1, 8] } });
    expect(result.rows.find((r) => r.name === 'h')?.verdict).toBe('mismatch');
  });
});
