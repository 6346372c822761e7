import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../dataTypes.js';
import { readOnnxModel } from '../readModel.js';
import { writeModel, type GraphSpec, type ModelSpec, type TensorSpec } from '../testModels.js';
import { inspect, type InspectOptions } from './inspect.js';

const T = DataType;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-onnx-inspect-'));
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(4 * 640));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const floats = (name: string, dims: number[]): TensorSpec => ({
  name,
  dataType: T.FLOAT,
  dims,
  raw_data: new Uint8Array(dims.reduce((a, b) => a * b, 1) * 4),
});

async function summarize(spec: ModelSpec, options?: InspectOptions) {
  return inspect(await readOnnxModel(await writeModel(dir, 'model.onnx', spec)), options);
}

describe('inspect', () => {
  const classifier: ModelSpec = {
    irVersion: 3,
    opset: [
      { domain: '', version: 9 },
      { domain: 'ai.onnx.ml', version: 2 },
    ],
    producer: { name: 'exporter', version: '0.9' },
    metadata: { task: 'classification' },
    graph: {
      name: 'net',
      nodes: [
        {
          op: 'Conv',
          name: 'conv',
          inputs: ['image', 'w', 'b'],
          outputs: ['c'],
          attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
        },
        { op: 'Relu', name: 'relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Flatten', name: 'flatten', inputs: ['r'], outputs: ['f'] },
        {
          op: 'Gemm',
          name: 'fc',
          inputs: ['f', 'fc_w', 'fc_b'],
          outputs: ['logits'],
          attributes: { transB: 1 },
        },
        {
          op: 'Constant',
          name: 'table',
          inputs: [],
          outputs: ['t'],
          attributes: {
            value: { tensor: { dataType: T.FLOAT, dims: [2, 3], float_data: [1, 2, 3, 4, 5, 6] } },
          },
        },
        {
          op: 'Relu',
          name: 'relu2',
          inputs: ['logits'],
          outputs: ['probs'],
          attributes: { ignored: Array.from({ length: 100 }, (_, i) => i) },
        },
      ],
      // IR 3 lists every initializer among the inputs; only `image` is fed by a caller.
      inputs: [
        { name: 'image', elemType: T.FLOAT, shape: ['N', 3, 8, 8] },
        { name: 'w', elemType: T.FLOAT, shape: [4, 3, 3, 3] },
        { name: 'b', elemType: T.FLOAT, shape: [4] },
        { name: 'fc_w', elemType: T.FLOAT, shape: [10, 256] },
        { name: 'fc_b', elemType: T.FLOAT, shape: [10] },
      ],
      outputs: [{ name: 'probs', elemType: T.FLOAT, shape: ['N', 10] }],
      initializers: [
        floats('w', [4, 3, 3, 3]),
        floats('b', [4]),
        floats('fc_w', [10, 256]),
        floats('fc_b', [10]),
      ],
    },
  };

  it('describes the model: metadata, inputs without initializers, operators and weights', async () => {
    const summary = await summarize(classifier);
    expect(summary).toMatchObject({
      producer: { name: 'exporter', version: '0.9' },
      irVersion: 3,
      metadata: [{ key: 'task', value: 'classification' }],
      opsets: [
        { domain: 'ai.onnx', version: 9 },
        { domain: 'ai.onnx.ml', version: 2 },
      ],
      inputs: [
        {
          name: 'image',
          type: { kind: 'tensor', elementType: 'FLOAT', shape: ['N', 3, 8, 8] },
          docString: '',
        },
      ],
      outputs: [{ name: 'probs', type: { kind: 'tensor', elementType: 'FLOAT', shape: ['N', 10] } }],
      operators: [
        { opType: 'Relu', domain: 'ai.onnx', count: 2 },
        { opType: 'Constant', domain: 'ai.onnx', count: 1 },
        { opType: 'Conv', domain: 'ai.onnx', count: 1 },
        { opType: 'Flatten', domain: 'ai.onnx', count: 1 },
        { opType: 'Gemm', domain: 'ai.onnx', count: 1 },
      ],
      initializers: {
        count: 4,
        parameters: 108 + 4 + 2560 + 10,
        bytes: (108 + 4 + 2560 + 10) * 4,
        external: { count: 0, bytes: 0 },
        largest: [
          { name: 'fc_w', elementType: 'FLOAT', shape: [10, 256], bytes: 10240, external: false },
          { name: 'w', elementType: 'FLOAT', shape: [4, 3, 3, 3], bytes: 432, external: false },
          { name: 'fc_b', elementType: 'FLOAT', shape: [10], bytes: 40, external: false },
          { name: 'b', elementType: 'FLOAT', shape: [4], bytes: 16, external: false },
        ],
      },
      subgraphCount: 0,
    });
  });

  it('summarizes attributes without their data: a tensor as its type and shape, long lists cut', async () => {
    const { graph } = await summarize(classifier);
    const node = (name: string) => graph.nodes.find((n) => n.name === name);
    expect(node('conv')?.attributes).toEqual([
      { name: 'kernel_shape', type: 'INTS', value: [3, 3] },
      { name: 'pads', type: 'INTS', value: [1, 1, 1, 1] },
    ]);
    expect(node('table')?.attributes).toEqual([
      { name: 'value', type: 'TENSOR', value: { elementType: 'FLOAT', shape: [2, 3] } },
    ]);
    const ignored = node('relu2')?.attributes[0];
    expect(ignored).toMatchObject({ type: 'INTS', length: 100 });
    expect(ignored?.value).toHaveLength(64);
  });

  it('lists every value’s type, declared or inferred, binding symbolic sizes when asked', async () => {
    const { graph } = await summarize(classifier, { dimensions: { N: 2 } });
    const value = (name: string) => graph.values.find((v) => v.name === name);
    expect(value('image')).toEqual({
      name: 'image',
      elementType: 'FLOAT',
      shape: [2, 3, 8, 8],
      declared: true,
    });
    expect(value('c')).toEqual({ name: 'c', elementType: 'FLOAT', shape: [2, 4, 8, 8], declared: false });
    expect(value('f')).toEqual({ name: 'f', elementType: 'FLOAT', shape: [2, 256], declared: false });
    expect(value('probs')).toMatchObject({ shape: [2, 10], declared: true });
  });

  it('is plain JSON', async () => {
    const summary = await summarize(classifier);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('counts external weights separately', async () => {
    const spec: ModelSpec = {
      graph: {
        nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
        inputs: [{ name: 'x', elemType: T.FLOAT, shape: [1, 64] }],
        outputs: [{ name: 'y', elemType: T.FLOAT }],
        initializers: [
          { name: 'w', dataType: T.FLOAT, dims: [64, 10], external: { location: 'weights.bin' } },
        ],
      },
    };
    const { initializers } = await summarize(spec);
    expect(initializers).toMatchObject({ count: 1, bytes: 2560, external: { count: 1, bytes: 2560 } });
    expect(initializers.largest[0]).toMatchObject({ name: 'w', external: true });
  });

  it('flags control flow and summarizes its subgraphs', async () => {
    const body: GraphSpec = {
      name: 'then',
      nodes: [{ op: 'Relu', name: 'inner', inputs: ['x'], outputs: ['then_y'] }],
      inputs: [],
      outputs: [{ name: 'then_y' }],
    };
    const spec: ModelSpec = {
      graph: {
        nodes: [
          {
            op: 'If',
            name: 'branch',
            inputs: ['cond'],
            outputs: ['y'],
            attributes: { then_branch: { graph: body }, else_branch: { graph: { ...body, name: 'else' } } },
          },
        ],
        inputs: [
          { name: 'x', elemType: T.FLOAT, shape: [4] },
          { name: 'cond', elemType: T.BOOL, shape: [] },
        ],
        outputs: [{ name: 'y', elemType: T.FLOAT }],
      },
    };
    const summary = await summarize(spec);
    const branch = summary.graph.nodes[0];
    expect(branch?.attributes).toEqual([
      { name: 'then_branch', type: 'GRAPH', value: { graph: 'then', nodes: 1 } },
      { name: 'else_branch', type: 'GRAPH', value: { graph: 'else', nodes: 1 } },
    ]);
    expect(
      branch?.subgraphs.map(({ attribute, graph }) => [attribute, graph.name, graph.nodes[0]?.opType]),
    ).toEqual([
      ['then_branch', 'then', 'Relu'],
      ['else_branch', 'else', 'Relu'],
    ]);
    expect(summary.subgraphCount).toBe(2);
    // Operators inside subgraphs count too.
    expect(summary.operators).toEqual([
      { opType: 'Relu', domain: 'ai.onnx', count: 2 },
      { opType: 'If', domain: 'ai.onnx', count: 1 },
    ]);
  });
});

describe('FLOP estimates', () => {
  const one = (
    node: GraphSpec['nodes'][number],
    inputs: GraphSpec['inputs'],
    initializers: TensorSpec[],
  ): ModelSpec => ({
    graph: { nodes: [node], inputs, outputs: [{ name: 'y', elemType: T.FLOAT }], initializers },
  });

  it('counts a Conv as 2 × outputs × (input channels × kernel) plus the bias', async () => {
    // 3 → 16 channels, 3×3 kernel, 32×32 kept by padding: 16 384 outputs, each 27 multiply-adds.
    const spec = one(
      {
        op: 'Conv',
        inputs: ['x', 'w', 'b'],
        outputs: ['y'],
        attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
      },
      [{ name: 'x', elemType: T.FLOAT, shape: [1, 3, 32, 32] }],
      [floats('w', [16, 3, 3, 3]), floats('b', [16])],
    );
    const { flops, graph } = await summarize(spec);
    expect(graph.nodes[0]?.flops).toBe(2 * 16_384 * 27 + 16_384);
    expect(flops).toMatchObject({ total: 901_120, unestimatedNodes: 0 });
  });

  it('counts a grouped Conv by its channels per group', async () => {
    const spec = one(
      { op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attributes: { group: 4 } },
      [{ name: 'x', elemType: T.FLOAT, shape: [1, 8, 5, 5] }],
      [floats('w', [8, 2, 3, 3])],
    );
    // 8 × 3 × 3 outputs, each over 2 channels × 9 taps.
    expect((await summarize(spec)).flops.total).toBe(2 * 72 * 18);
  });

  it('counts a Gemm as 2·M·N·K plus M·N for C', async () => {
    const spec = one(
      { op: 'Gemm', inputs: ['a', 'b', 'c'], outputs: ['y'] },
      [{ name: 'a', elemType: T.FLOAT, shape: [2, 64] }],
      [floats('b', [64, 10]), floats('c', [10])],
    );
    expect((await summarize(spec)).flops.total).toBe(2 * 2 * 10 * 64 + 2 * 10);
  });

  it.each<[string, GraphSpec['nodes'][number], number[], TensorSpec[], number]>([
    [
      'a batched MatMul',
      { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] },
      [2, 5, 3, 4],
      [floats('w', [4, 6])],
      2 * 180 * 4,
    ],
    ['Relu, one per element', { op: 'Relu', inputs: ['x'], outputs: ['y'] }, [2, 50], [], 100],
    [
      'Add with broadcasting, one per output element',
      { op: 'Add', inputs: ['x', 'b'], outputs: ['y'] },
      [3, 1],
      [floats('b', [4])],
      12,
    ],
    ['Softmax, three per element', { op: 'Softmax', inputs: ['x'], outputs: ['y'] }, [2, 10], [], 60],
    [
      'MaxPool, one per window element',
      { op: 'MaxPool', inputs: ['x'], outputs: ['y'], attributes: { kernel_shape: [2, 2], strides: [2, 2] } },
      [1, 2, 4, 4],
      [],
      8 * 4,
    ],
    ['a Reshape, which only moves data', { op: 'Flatten', inputs: ['x'], outputs: ['y'] }, [2, 3, 4], [], 0],
  ])('counts %s', async (_name, node, shape, initializers, expected) => {
    const spec = one(node, [{ name: 'x', elemType: T.FLOAT, shape }], initializers);
    expect((await summarize(spec)).graph.nodes[0]?.flops).toBe(expected);
  });

  it('counts an LSTM’s gate products and biases', async () => {
    const spec = one(
      { op: 'LSTM', inputs: ['x', 'w', 'r'], outputs: ['y'], attributes: { hidden_size: 8 } },
      [{ name: 'x', elemType: T.FLOAT, shape: [5, 2, 4] }],
      [floats('w', [1, 32, 4]), floats('r', [1, 32, 8])],
    );
    // 5 steps × 2 sequences × (2·4 gates·8·(4 + 8) + 2·4·8).
    expect((await summarize(spec)).flops.total).toBe(5 * 2 * (2 * 4 * 8 * 12 + 2 * 4 * 8));
  });

  it('says null, not a guess, when the shapes are unknown, and leaves that node out of the total', async () => {
    const spec: ModelSpec = {
      graph: {
        nodes: [
          { op: 'Relu', inputs: ['x'], outputs: ['r'] },
          { op: 'Conv', inputs: ['r', 'w'], outputs: ['y'] },
        ],
        inputs: [{ name: 'x', elemType: T.FLOAT, shape: [1, 3, 'H', 'W'] }],
        outputs: [{ name: 'y', elemType: T.FLOAT }],
        initializers: [floats('w', [8, 3, 3, 3])],
      },
    };
    const summary = await summarize(spec);
    expect(summary.graph.nodes.map((node) => node.flops)).toEqual([null, null]);
    expect(summary.flops).toMatchObject({ total: 0, unestimatedNodes: 2 });
    const bound = await summarize(spec, { dimensions: { H: 10, W: 10 } });
    expect(bound.graph.nodes.map((node) => node.flops)).toEqual([300, 2 * 8 * 8 * 8 * 27]);
  });
});
