// Tests runtime/loadError.ts through a real worker; it sits here because runtime/ may not import the onnx test models.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/contract/errors.js';
import { writeModel, type ModelSpec } from './onnx/testModels.js';
import { createModelHost, type ModelHost } from './runtime/modelHost.js';
import { buildModelWorker } from './runtime/testing/buildWorker.js';
import { forkWorker } from '../workerHost/index.js';

let dir: string;
let entry: string;
let host: ModelHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-load-error-'));
  entry = await buildModelWorker();
  host = createModelHost({ spawn: forkWorker(entry) });
});
afterAll(async () => {
  await host.dispose();
  await rm(entry, { force: true });
  await rm(dir, { recursive: true, force: true });
});

const oneNode = (op: string, opset: ModelSpec['opset'], domain = ''): ModelSpec => ({
  opset,
  graph: {
    nodes: [{ op, name: 'the_node', domain, inputs: ['x'], outputs: ['y'] }],
    inputs: [{ name: 'x', elemType: 1, shape: [1] }],
    outputs: [{ name: 'y', elemType: 1, shape: [1] }],
  },
});

async function openError(name: string, spec: ModelSpec) {
  const path = await writeModel(dir, name, spec);
  const error: unknown = await host
    .open(path, { executionProvider: 'cpu', graphOptimization: 'all' })
    .catch((e: unknown) => e);
  if (!isWorkbenchError(error)) throw new Error(`expected a WorkbenchError, got ${String(error)}`);
  return error;
}

describe('why ONNX Runtime refuses to load a model, on ONNX Runtime', () => {
  it('names an operator from a custom domain and says where it would come from', async () => {
    const error = await openError(
      'custom.onnx',
      oneNode(
        'Frobnicate',
        [
          { domain: '', version: 17 },
          { domain: 'com.example', version: 1 },
        ],
        'com.example',
      ),
    );
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toBe(
      'custom.onnx uses the operator Frobnicate from the domain com.example, which ONNX Runtime does not have.',
    );
    expect(error.hint).toContain('custom-operator library');
  });

  it('names an operator the imported opset does not define, with its node', async () => {
    const error = await openError('unknown.onnx', oneNode('Frobnicate', 17));
    expect(error.message).toBe(
      'unknown.onnx uses the operator Frobnicate (node the_node), which ai.onnx opset 17 does not define.',
    );
  });

  it('names an operator the opset has deprecated', async () => {
    const error = await openError('deprecated.onnx', oneNode('Scatter', 23));
    expect(error.message).toBe(
      'deprecated.onnx uses the operator Scatter (node the_node), which opset 23 no longer has (deprecated).',
    );
  });

  it('names an operator version the CPU provider has no implementation of', async () => {
    // Mul-6 is in ONNX, but ONNX Runtime's CPU provider implements Mul from version 7 on.
    const path = await writeModel(dir, 'no-kernel.onnx', {
      opset: 6,
      graph: {
        nodes: [{ op: 'Mul', name: 'the_node', inputs: ['x', 'x'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: 1, shape: [1] }],
        outputs: [{ name: 'y', elemType: 1, shape: [1] }],
      },
    });
    const error: unknown = await host
      .open(path, { executionProvider: 'cpu', graphOptimization: 'all' })
      .catch((e: unknown) => e);
    expect(isWorkbenchError(error) && error.message).toBe(
      "no-kernel.onnx uses the operator Mul (version 6) (node the_node), which ONNX Runtime's CPU provider does not implement (for this version or these element types).",
    );
  });

  it('says how far this ONNX Runtime goes for a model stamped with a future opset', async () => {
    const error = await openError('future.onnx', oneNode('Relu', 99));
    expect(error.message).toMatch(
      /^future\.onnx imports ai\.onnx opset 99; this ONNX Runtime supports up to opset \d+\.$/,
    );
  });
});
