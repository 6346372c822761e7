import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../dataTypes.js';
import { readOnnxModel } from '../readModel.js';
import { writeModel, type ModelSpec, type NodeSpec } from '../testModels.js';
import { checkModel } from './checkModel.js';
import { onnxRuntime } from './runtimeSupport.js';

/**
 * checkModel judges models against the ONNX Runtime the app ships. Each model here is both checked
 * and loaded by onnxruntime-node: an error finding must go with a refusal to load, and a clean model
 * with a session. An ONNX Runtime upgrade that moves a limit fails here first.
 */
const T = DataType;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-onnx-ort-'));
  await writeFile(join(dir, 'short.bin'), new Uint8Array(8));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const relu: NodeSpec[] = [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }];

function model(
  nodes: NodeSpec[],
  extra: Partial<ModelSpec> = {},
  initializers: ModelSpec['graph']['initializers'] = [],
): ModelSpec {
  return {
    graph: {
      nodes,
      inputs: [{ name: 'x', elemType: T.FLOAT, shape: [4] }],
      outputs: [{ name: 'y', elemType: T.FLOAT, shape: [4] }],
      initializers,
    },
    ...extra,
  };
}

async function loads(path: string): Promise<boolean> {
  try {
    const session = await ort.InferenceSession.create(path, { logSeverityLevel: 4 });
    await session.release();
    return true;
  } catch {
    return false;
  }
}

const w = (extra: object) => [{ name: 'w', dataType: T.FLOAT, dims: [4], ...extra }];
const addW: NodeSpec[] = [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }];

describe(`checkModel agrees with ${onnxRuntime.name}`, () => {
  it.each<[string, ModelSpec, boolean]>([
    ['a valid model', model(relu), true],
    [
      `ai.onnx opset ${onnxRuntime.maxOpset['ai.onnx']}`,
      model(relu, { opset: onnxRuntime.maxOpset['ai.onnx'], irVersion: onnxRuntime.maxIrVersion }),
      true,
    ],
    [
      `ai.onnx opset ${(onnxRuntime.maxOpset['ai.onnx'] ?? 0) + 1}`,
      model(relu, { opset: (onnxRuntime.maxOpset['ai.onnx'] ?? 0) + 1 }),
      false,
    ],
    [
      `IR version ${onnxRuntime.maxIrVersion + 1}`,
      model(relu, { irVersion: onnxRuntime.maxIrVersion + 1 }),
      false,
    ],
    [
      `ai.onnx.ml opset ${(onnxRuntime.maxOpset['ai.onnx.ml'] ?? 0) + 1}`,
      model(relu, {
        opset: [
          { domain: '', version: 17 },
          { domain: 'ai.onnx.ml', version: (onnxRuntime.maxOpset['ai.onnx.ml'] ?? 0) + 1 },
        ],
      }),
      false,
    ],
    ['an unknown operator', model([{ op: 'Relu6', inputs: ['x'], outputs: ['y'] }]), false],
    [
      'an operator newer than the opset',
      model([{ op: 'Gelu', inputs: ['x'], outputs: ['y'] }], { opset: 17 }),
      false,
    ],
    [
      'a deprecated operator',
      model([{ op: 'Upsample', inputs: ['x', 'x'], outputs: ['y'] }], { opset: 10 }),
      false,
    ],
    ['a dangling input', model([{ op: 'Add', inputs: ['x', 'nowhere'], outputs: ['y'] }]), false],
    [
      'a cycle',
      model([
        { op: 'Add', inputs: ['x', 'd'], outputs: ['b'] },
        { op: 'Relu', inputs: ['b'], outputs: ['d'] },
        { op: 'Neg', inputs: ['b'], outputs: ['y'] },
      ]),
      false,
    ],
    [
      'two nodes writing one value',
      model([
        { op: 'Relu', inputs: ['x'], outputs: ['y'] },
        { op: 'Neg', inputs: ['x'], outputs: ['y'] },
      ]),
      false,
    ],
    ['raw_data of the wrong size', model(addW, {}, w({ raw_data: new Uint8Array(12) })), false],
    ['a missing external file', model(addW, {}, w({ external: { location: 'gone.bin' } })), false],
    [
      'external data past the end of its file',
      model(addW, {}, w({ external: { location: 'short.bin', length: 16 } })),
      false,
    ],
    [
      'nodes out of order (a warning only)',
      model([
        { op: 'Neg', inputs: ['h'], outputs: ['y'] },
        { op: 'Relu', inputs: ['x'], outputs: ['h'] },
      ]),
      true,
    ],
  ])('%s', async (_name, spec, expected) => {
    const path = await writeModel(dir, 'model.onnx', spec);
    const findings = checkModel(await readOnnxModel(path));
    expect(await loads(path)).toBe(expected);
    expect(findings.some((finding) => finding.severity === 'error')).toBe(!expected);
  });
});
