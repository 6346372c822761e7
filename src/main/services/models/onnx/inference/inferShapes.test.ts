import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../dataTypes.js';
import type { Dim } from '../model.js';
import { readOnnxModel } from '../readModel.js';
import { writeModel, type GraphSpec, type NodeSpec, type TensorSpec } from '../testModels.js';
import { inferShapes } from './inferShapes.js';

const T = DataType;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-onnx-infer-'));
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
const int64s = (name: string, values: number[]): TensorSpec => ({
  name,
  dataType: T.INT64,
  dims: [values.length],
  int64_data: values,
});

/** The inferred shape of every value of the main graph, keyed by name. */
async function shapes(
  graph: GraphSpec,
  options: { opset?: number; dimensions?: Record<string, number> } = {},
): Promise<Record<string, Dim[] | null>> {
  const model = await readOnnxModel(
    await writeModel(dir, 'model.onnx', { graph, opset: options.opset ?? 17 }),
  );
  const types = inferShapes(model, options.dimensions).get(model.graph);
  return Object.fromEntries([...(types ?? [])].map(([name, type]) => [name, type.shape]));
}

/** One node from graph input `x` (of the given shape) to `y`, plus initializers. */
function single(
  node: NodeSpec,
  shape: Dim[],
  initializers: TensorSpec[] = [],
  more: GraphSpec['inputs'] = [],
): GraphSpec {
  return {
    nodes: [node],
    inputs: [{ name: 'x', elemType: T.FLOAT, shape }, ...more],
    outputs: [{ name: 'y' }],
    initializers,
  };
}

describe('inferShapes', () => {
  const chain = (batch: Dim): GraphSpec => ({
    nodes: [
      {
        op: 'Conv',
        inputs: ['x', 'w1', 'b1'],
        outputs: ['conv'],
        attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
      },
      { op: 'Relu', inputs: ['conv'], outputs: ['relu'] },
      {
        op: 'MaxPool',
        inputs: ['relu'],
        outputs: ['pool'],
        attributes: { kernel_shape: [2, 2], strides: [2, 2] },
      },
      { op: 'Flatten', inputs: ['pool'], outputs: ['flat'] },
      { op: 'Gemm', inputs: ['flat', 'w2', 'b2'], outputs: ['y'], attributes: { transB: 1 } },
    ],
    inputs: [{ name: 'x', elemType: T.FLOAT, shape: [batch, 3, 32, 32] }],
    outputs: [{ name: 'y', elemType: T.FLOAT }],
    initializers: [
      floats('w1', [8, 3, 3, 3]),
      floats('b1', [8]),
      floats('w2', [10, 2048]),
      floats('b2', [10]),
    ],
  });

  it('follows Conv → Relu → MaxPool → Flatten → Gemm', async () => {
    expect(await shapes(chain(1))).toMatchObject({
      conv: [1, 8, 32, 32],
      relu: [1, 8, 32, 32],
      pool: [1, 8, 16, 16],
      flat: [1, 2048],
      y: [1, 10],
    });
  });

  it('carries a symbolic batch size through, and binds it when asked', async () => {
    expect(await shapes(chain('N'))).toMatchObject({
      conv: ['N', 8, 32, 32],
      flat: ['N', 2048],
      y: ['N', 10],
    });
    expect(await shapes(chain('N'), { dimensions: { N: 4 } })).toMatchObject({ flat: [4, 2048], y: [4, 10] });
  });

  it('leaves an unknown batch size unknown, never guessed', async () => {
    expect(await shapes(chain(null))).toMatchObject({
      conv: [null, 8, 32, 32],
      flat: [null, 2048],
      y: [null, 10],
    });
  });

  it('takes the model’s own value_info first and fills only what it leaves open', async () => {
    const graph = chain(1);
    graph.valueInfo = [
      { name: 'relu', elemType: T.FLOAT, shape: [1, 8, 'H', null] },
      { name: 'pool', elemType: T.FLOAT },
    ];
    // relu's declared 'H' stands (and flows on: pool's height is unknown); its open dim is filled.
    expect(await shapes(graph)).toMatchObject({ relu: [1, 8, 'H', 32], pool: [1, 8, null, 16] });
  });

  it.each<[string, NodeSpec, Dim[], TensorSpec[], Dim[] | null]>([
    [
      'Conv with strides and SAME_UPPER',
      {
        op: 'Conv',
        inputs: ['x', 'w'],
        outputs: ['y'],
        attributes: { strides: [2, 2], auto_pad: 'SAME_UPPER' },
      },
      [1, 3, 15, 15],
      [floats('w', [4, 3, 3, 3])],
      [1, 4, 8, 8],
    ],
    [
      'Conv with dilations and groups',
      { op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attributes: { dilations: [2, 2], group: 3 } },
      [1, 6, 10, 10],
      [floats('w', [6, 2, 3, 3])],
      [1, 6, 6, 6],
    ],
    [
      'ConvTranspose with stride 2',
      {
        op: 'ConvTranspose',
        inputs: ['x', 'w'],
        outputs: ['y'],
        attributes: { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] },
      },
      [1, 4, 8, 8],
      [floats('w', [4, 2, 3, 3])],
      [1, 2, 16, 16],
    ],
    [
      'AveragePool with ceil_mode',
      {
        op: 'AveragePool',
        inputs: ['x'],
        outputs: ['y'],
        attributes: { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 },
      },
      [1, 1, 6, 6],
      [],
      [1, 1, 3, 3],
    ],
    [
      'GlobalAveragePool',
      { op: 'GlobalAveragePool', inputs: ['x'], outputs: ['y'] },
      ['N', 16, 7, 7],
      [],
      ['N', 16, 1, 1],
    ],
    [
      'broadcasting Add',
      { op: 'Add', inputs: ['x', 'b'], outputs: ['y'] },
      [3, 1, 5],
      [floats('b', [4, 5])],
      [3, 4, 5],
    ],
    [
      'broadcasting a symbol against 1',
      { op: 'Mul', inputs: ['x', 'b'], outputs: ['y'] },
      ['N', 1],
      [floats('b', [1, 7])],
      ['N', 7],
    ],
    [
      'MatMul with batch dims',
      { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] },
      [2, 5, 3, 4],
      [floats('w', [4, 6])],
      [2, 5, 3, 6],
    ],
    [
      'MatMul of a vector',
      { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] },
      [4],
      [floats('w', [4, 6])],
      [6],
    ],
    [
      'Gemm with transA',
      { op: 'Gemm', inputs: ['x', 'w'], outputs: ['y'], attributes: { transA: 1 } },
      [4, 3],
      [floats('w', [4, 5])],
      [3, 5],
    ],
    [
      'Reshape to an initializer’s shape',
      { op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] },
      ['N', 3, 4],
      [int64s('s', [0, -1])],
      ['N', 12],
    ],
    [
      'Reshape with -1 against a symbol',
      { op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] },
      ['N', 3, 4],
      [int64s('s', [-1, 4])],
      [null, 4],
    ],
    [
      'Transpose',
      { op: 'Transpose', inputs: ['x'], outputs: ['y'], attributes: { perm: [0, 2, 3, 1] } },
      [1, 3, 8, 9],
      [],
      [1, 8, 9, 3],
    ],
    [
      'Concat',
      { op: 'Concat', inputs: ['x', 'b'], outputs: ['y'], attributes: { axis: -1 } },
      [2, 3],
      [floats('b', [2, 5])],
      [2, 8],
    ],
    [
      'Squeeze with axes as an input (opset 13)',
      { op: 'Squeeze', inputs: ['x', 'a'], outputs: ['y'] },
      [1, 3, 1, 5],
      [int64s('a', [0, -2])],
      [3, 5],
    ],
    [
      'Unsqueeze with axes as an input (opset 13)',
      { op: 'Unsqueeze', inputs: ['x', 'a'], outputs: ['y'] },
      [3, 5],
      [int64s('a', [0, 3])],
      [1, 3, 5, 1],
    ],
    [
      'Gather',
      { op: 'Gather', inputs: ['x', 'i'], outputs: ['y'], attributes: { axis: 1 } },
      [2, 10, 4],
      [int64s('i', [1, 2, 3])],
      [2, 3, 4],
    ],
    [
      'Slice',
      { op: 'Slice', inputs: ['x', 'starts', 'ends', 'axes'], outputs: ['y'] },
      [10, 20],
      [int64s('starts', [2]), int64s('ends', [-1]), int64s('axes', [1])],
      [10, 17],
    ],
    [
      'ReduceMean without keepdims',
      { op: 'ReduceMean', inputs: ['x'], outputs: ['y'], attributes: { axes: [1], keepdims: 0 } },
      [2, 3, 4],
      [],
      [2, 4],
    ],
    [
      'Softmax passes the shape through',
      { op: 'Softmax', inputs: ['x'], outputs: ['y'] },
      ['N', 1000],
      [],
      ['N', 1000],
    ],
  ])('%s', async (_name, node, shape, initializers, expected) => {
    expect((await shapes(single(node, shape, initializers)))['y']).toEqual(expected);
  });

  it('reads Squeeze and Unsqueeze axes from the attribute before opset 13', async () => {
    const squeeze = single(
      { op: 'Squeeze', inputs: ['x'], outputs: ['y'], attributes: { axes: [0] } },
      [1, 3],
    );
    expect((await shapes(squeeze, { opset: 11 }))['y']).toEqual([3]);
    const unsqueeze = single(
      { op: 'Unsqueeze', inputs: ['x'], outputs: ['y'], attributes: { axes: [1] } },
      [3],
    );
    expect((await shapes(unsqueeze, { opset: 11 }))['y']).toEqual([3, 1]);
  });

  it('follows a Reshape whose target is computed by Shape → Gather → Unsqueeze → Concat', async () => {
    const graph: GraphSpec = {
      nodes: [
        { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
        { op: 'Gather', inputs: ['shape', 'zero'], outputs: ['batch'], attributes: { axis: 0 } },
        { op: 'Unsqueeze', inputs: ['batch', 'axes'], outputs: ['batch1'] },
        { op: 'Concat', inputs: ['batch1', 'minus1'], outputs: ['target'], attributes: { axis: 0 } },
        { op: 'Reshape', inputs: ['x', 'target'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', elemType: T.FLOAT, shape: [2, 3, 4] }],
      outputs: [{ name: 'y' }],
      initializers: [
        { name: 'zero', dataType: T.INT64, dims: [], int64_data: [0] },
        int64s('axes', [0]),
        int64s('minus1', [-1]),
      ],
    };
    expect(await shapes(graph)).toMatchObject({
      shape: [3],
      batch: [],
      batch1: [1],
      target: [2],
      y: [2, 12],
    });
  });

  it('answers null where the data decides the shape', async () => {
    const reshape = single(
      { op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] },
      [2, 6],
      [],
      [{ name: 's', elemType: T.INT64, shape: [3] }],
    );
    // The target's values are unknown, its length says the rank.
    expect((await shapes(reshape))['y']).toEqual([null, null, null]);
    expect((await shapes(single({ op: 'NonZero', inputs: ['x'], outputs: ['y'] }, [2, 6])))['y']).toEqual([
      2,
      null,
    ]);
    expect((await shapes(single({ op: 'Relu', inputs: ['x'], outputs: ['y'] }, [2, 6]), {}))['y']).toEqual([
      2, 6,
    ]);
    const custom = single({ op: 'Mystery', domain: 'com.example', inputs: ['x'], outputs: ['y'] }, [2, 6]);
    expect((await shapes(custom))['y']).toBeNull();
  });

  it('gives Cast, comparisons and Shape their own element types', async () => {
    const graph: GraphSpec = {
      nodes: [
        { op: 'Cast', inputs: ['x'], outputs: ['half'], attributes: { to: T.FLOAT16 } },
        { op: 'Less', inputs: ['x', 'x'], outputs: ['mask'] },
        { op: 'Shape', inputs: ['x'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', elemType: T.FLOAT, shape: [2, 3] }],
      outputs: [{ name: 'y' }],
    };
    const model = await readOnnxModel(await writeModel(dir, 'types.onnx', { graph }));
    const types = inferShapes(model).get(model.graph);
    expect(types?.get('half')).toEqual({ elementType: T.FLOAT16, shape: [2, 3], declared: false });
    expect(types?.get('mask')).toEqual({ elementType: T.BOOL, shape: [2, 3], declared: false });
    expect(types?.get('y')).toEqual({ elementType: T.INT64, shape: [2], declared: false });
  });

  it('types an If by its branches where they agree', async () => {
    const branch = (op: string, name: string): GraphSpec => ({
      name,
      nodes: [{ op, inputs: ['x'], outputs: [`${name}_out`] }],
      inputs: [],
      outputs: [{ name: `${name}_out` }],
    });
    const node: NodeSpec = {
      op: 'If',
      inputs: ['cond'],
      outputs: ['y'],
      attributes: {
        then_branch: { graph: branch('Relu', 'then') },
        else_branch: { graph: branch('Neg', 'else') },
      },
    };
    const graph = single(node, [2, 3], [], [{ name: 'cond', elemType: T.BOOL, shape: [] }]);
    expect((await shapes(graph))['y']).toEqual([2, 3]);
  });
});
