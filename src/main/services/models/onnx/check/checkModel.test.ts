import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../dataTypes.js';
import { readOnnxModel } from '../readModel.js';
import { writeModel, type GraphSpec, type ModelSpec, type NodeSpec } from '../testModels.js';
import { checkModel } from './checkModel.js';
import type { Finding } from './findings.js';

const T = DataType;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-onnx-check-'));
  await writeFile(join(dir, 'w.bin'), new Uint8Array(64));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const x = { name: 'x', elemType: T.FLOAT, shape: [4] };
const y = { name: 'y', elemType: T.FLOAT, shape: [4] };

/** A valid graph x → Relu → y, or the given nodes between x and y. */
function graph(
  nodes: NodeSpec[] = [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
  extra: Partial<GraphSpec> = {},
): GraphSpec {
  return { nodes, inputs: [x], outputs: [y], ...extra };
}

async function check(spec: ModelSpec): Promise<Finding[]> {
  return checkModel(await readOnnxModel(await writeModel(dir, 'model.onnx', spec)));
}

const codes = (findings: Finding[]) => findings.map((finding) => `${finding.severity} ${finding.code}`);

describe('checkModel', () => {
  it('finds nothing wrong in a valid model', async () => {
    expect(await check({ graph: graph() })).toEqual([]);
  });

  describe('versions and operators', () => {
    it.each<[string, Partial<ModelSpec>, string[]]>([
      ['no ir_version', { irVersion: null }, ['error IR_VERSION_MISSING']],
      ['an IR version newer than ONNX Runtime reads', { irVersion: 14 }, ['error IR_VERSION_UNSUPPORTED']],
      ['no opset import', { opset: [] }, ['error OPSET_MISSING', 'error DOMAIN_NOT_IMPORTED']],
      [
        'ai.onnx imported twice',
        {
          opset: [
            { domain: '', version: 17 },
            { domain: 'ai.onnx', version: 18 },
          ],
        },
        ['error OPSET_DUPLICATE'],
      ],
      ['ai.onnx opset 27', { opset: 27 }, ['error OPSET_UNSUPPORTED']],
      [
        'ai.onnx.ml opset 6',
        {
          opset: [
            { domain: '', version: 17 },
            { domain: 'ai.onnx.ml', version: 6 },
          ],
        },
        ['error OPSET_UNSUPPORTED'],
      ],
      ['ai.onnx opset 6', { opset: 6 }, ['warning OPSET_OLD']],
      [
        'a custom domain',
        {
          opset: [
            { domain: '', version: 17 },
            { domain: 'com.example', version: 1 },
          ],
        },
        ['warning DOMAIN_CUSTOM'],
      ],
    ])('%s', async (_name, spec, expected) => {
      expect(codes(await check({ graph: graph(), ...spec }))).toEqual(expected);
    });

    it.each<[string, NodeSpec, number, string[]]>([
      ['a misspelt operator', { op: 'Relu6', inputs: ['x'], outputs: ['y'] }, 17, ['error OP_UNKNOWN']],
      [
        'an operator newer than the opset',
        { op: 'Gelu', inputs: ['x'], outputs: ['y'] },
        17,
        ['error OP_NOT_IN_OPSET'],
      ],
      [
        'a deprecated operator',
        { op: 'Upsample', inputs: ['x', 'x'], outputs: ['y'] },
        10,
        ['error OP_DEPRECATED'],
      ],
      [
        'an old experimental operator',
        { op: 'ImageScaler', inputs: ['x'], outputs: ['y'] },
        9,
        ['warning OP_EXPERIMENTAL'],
      ],
      [
        'an old experimental operator at opset 10',
        { op: 'ImageScaler', inputs: ['x'], outputs: ['y'] },
        10,
        ['error OP_UNKNOWN'],
      ],
      [
        'a node in a domain the model does not import',
        { op: 'Fancy', domain: 'com.example', inputs: ['x'], outputs: ['y'] },
        17,
        ['error DOMAIN_NOT_IMPORTED'],
      ],
    ])('%s', async (_name, node, opset, expected) => {
      expect(codes(await check({ graph: graph([node]), opset }))).toEqual(expected);
    });

    it('names the operator, the node and what to do', async () => {
      const [finding] = await check({
        graph: graph([{ op: 'Gelu', name: 'act', inputs: ['x'], outputs: ['y'] }]),
        opset: 17,
      });
      expect(finding).toEqual({
        severity: 'error',
        code: 'OP_NOT_IN_OPSET',
        node: 'act',
        message:
          "Gelu (ai.onnx, node 'act'): first defined in ai.onnx opset 20, but the model imports opset 17. Export it for opset 20 or later.",
      });
    });

    it('reports an operator once, with how many nodes use it', async () => {
      const nodes = [
        { op: 'Relu6', name: 'a', inputs: ['x'], outputs: ['h'] },
        { op: 'Relu6', name: 'b', inputs: ['h'], outputs: ['y'] },
      ];
      const findings = await check({ graph: graph(nodes) });
      expect(findings).toHaveLength(1);
      expect(findings[0]?.message).toMatch(
        /^Relu6 \(ai\.onnx, 2 nodes, first 'a'\): not an operator of ai\.onnx/,
      );
    });

    it('accepts calls to the model’s own functions and ONNX Runtime’s contrib operators', async () => {
      const nodes = [
        { op: 'MyBlock', domain: 'local', inputs: ['x'], outputs: ['h'] },
        { op: 'FusedGelu', domain: 'com.microsoft', inputs: ['h'], outputs: ['y'] },
      ];
      const opset = [
        { domain: '', version: 17 },
        { domain: 'local', version: 1 },
        { domain: 'com.microsoft', version: 1 },
      ];
      expect(
        await check({ graph: graph(nodes), opset, functions: [{ domain: 'local', name: 'MyBlock' }] }),
      ).toEqual([]);
    });

    it('warns that ONNX Runtime cannot run ONNX’s training operators', async () => {
      const node = { op: 'Adam', domain: 'ai.onnx.preview.training', inputs: ['x'], outputs: ['y'] };
      const opset = [
        { domain: '', version: 17 },
        { domain: 'ai.onnx.preview.training', version: 1 },
      ];
      expect(codes(await check({ graph: graph([node]), opset }))).toEqual(['warning OP_NOT_IN_RUNTIME']);
    });
  });

  describe('graph wiring', () => {
    it.each<[string, GraphSpec, string[]]>([
      [
        'a node input nothing produces',
        graph([{ op: 'Add', inputs: ['x', 'bias'], outputs: ['y'] }]),
        ['error DANGLING_INPUT'],
      ],
      [
        'a graph output nothing produces',
        graph(undefined, { outputs: [y, { name: 'z', elemType: T.FLOAT }] }),
        ['error OUTPUT_NOT_PRODUCED'],
      ],
      [
        'two nodes writing one value',
        graph([
          { op: 'Relu', inputs: ['x'], outputs: ['y'] },
          { op: 'Neg', inputs: ['x'], outputs: ['y'] },
        ]),
        ['error DUPLICATE_OUTPUT'],
      ],
      [
        'a node writing a graph input',
        graph([{ op: 'Relu', inputs: ['x'], outputs: ['x'] }], { outputs: [x] }),
        ['error DUPLICATE_OUTPUT'],
      ],
      ['an input declared twice', graph(undefined, { inputs: [x, x] }), ['error DUPLICATE_INPUT']],
      [
        'an initializer stored twice',
        graph([{ op: 'Add', inputs: ['x', 'b'], outputs: ['y'] }], {
          initializers: [
            { name: 'b', dataType: T.FLOAT, dims: [1], float_data: [1] },
            { name: 'b', dataType: T.FLOAT, dims: [1], float_data: [2] },
          ],
        }),
        ['error DUPLICATE_INITIALIZER'],
      ],
      [
        'a cycle',
        graph([
          { op: 'Add', name: 'a', inputs: ['x', 'd'], outputs: ['b'] },
          { op: 'Relu', name: 'r', inputs: ['b'], outputs: ['d'] },
          { op: 'Neg', name: 'n', inputs: ['b'], outputs: ['y'] },
        ]),
        ['error CYCLE'],
      ],
      [
        'nodes out of order',
        graph([
          { op: 'Neg', inputs: ['h'], outputs: ['y'] },
          { op: 'Relu', inputs: ['x'], outputs: ['h'] },
        ]),
        ['warning NOT_TOPOLOGICALLY_SORTED'],
      ],
    ])('%s', async (_name, spec, expected) => {
      expect(codes(await check({ graph: spec }))).toEqual(expected);
    });

    it('names the node and the value a dangling input reads', async () => {
      const [finding] = await check({
        graph: graph([{ op: 'Add', name: 'add', inputs: ['x', 'bias'], outputs: ['y'] }]),
      });
      expect(finding).toMatchObject({
        node: 'add',
        value: 'bias',
        message:
          "Node 'add' (Add) reads 'bias', which no graph input, initializer or node produces. Add the missing input or initializer, or fix the name.",
      });
    });

    it('shows a cycle as the path around it', async () => {
      const nodes = [
        { op: 'Add', name: 'a', inputs: ['x', 'd'], outputs: ['b'] },
        { op: 'Relu', name: 'r', inputs: ['b'], outputs: ['d'] },
        { op: 'Neg', name: 'n', inputs: ['b'], outputs: ['y'] },
      ];
      const [finding] = await check({ graph: graph(nodes) });
      expect(finding?.message).toMatch(/^The nodes form a cycle: '(a' → 'r' → 'a|r' → 'a' → 'r)'\./);
    });

    it('accepts an omitted optional input (the empty name)', async () => {
      expect(await check({ graph: graph([{ op: 'Clip', inputs: ['x', '', ''], outputs: ['y'] }]) })).toEqual(
        [],
      );
    });

    it('lets a subgraph read the values around it, and names a subgraph’s dangling input by its path', async () => {
      const branch = (input: string, name: string): GraphSpec => ({
        name,
        nodes: [{ op: 'Relu', name: 'inner', inputs: [input], outputs: [`${name}_out`] }],
        inputs: [],
        outputs: [{ name: `${name}_out`, elemType: T.FLOAT }],
      });
      const ifNode = (elseInput: string): NodeSpec => ({
        op: 'If',
        name: 'if',
        inputs: ['cond'],
        outputs: ['y'],
        attributes: {
          then_branch: { graph: branch('x', 'then') },
          else_branch: { graph: branch(elseInput, 'else') },
        },
      });
      const inputs = [x, { name: 'cond', elemType: T.BOOL, shape: [] }];
      expect(await check({ graph: graph([ifNode('x')], { inputs }) })).toEqual([]);
      const findings = await check({ graph: graph([ifNode('nowhere')], { inputs }) });
      expect(findings).toMatchObject([
        { code: 'DANGLING_INPUT', node: 'if/else_branch/inner', value: 'nowhere' },
      ]);
      expect(findings[0]?.message).toContain('in subgraph if/else_branch');
    });

    it('requires initializers among the inputs before IR version 4', async () => {
      const spec = graph([{ op: 'Add', inputs: ['x', 'b'], outputs: ['y'] }], {
        initializers: [{ name: 'b', dataType: T.FLOAT, dims: [1], float_data: [1] }],
      });
      expect(codes(await check({ graph: spec, irVersion: 3, opset: 7 }))).toEqual([
        'error INITIALIZER_NOT_INPUT',
      ]);
      expect(await check({ graph: spec, irVersion: 4, opset: 7 })).toEqual([]);
    });
  });

  describe('stored tensors', () => {
    const withWeight = (initializers: GraphSpec['initializers']) =>
      graph([{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }], { initializers });

    it.each<[string, NonNullable<GraphSpec['initializers']>, string[]]>([
      [
        'raw_data of the wrong size',
        [{ name: 'w', dataType: T.FLOAT, dims: [4], raw_data: new Uint8Array(12) }],
        ['error TENSOR_DATA_SIZE'],
      ],
      [
        'an unknown element type',
        [{ name: 'w', dataType: 99, dims: [4], raw_data: new Uint8Array(16) }],
        ['error TENSOR_TYPE'],
      ],
      [
        'external data that fits',
        [{ name: 'w', dataType: T.FLOAT, dims: [4], external: { location: 'w.bin', offset: 0, length: 16 } }],
        [],
      ],
      [
        'external data of the wrong length',
        [{ name: 'w', dataType: T.FLOAT, dims: [4], external: { location: 'w.bin', length: 12 } }],
        ['error EXTERNAL_DATA_SIZE'],
      ],
      [
        'external data past the file’s end',
        [
          {
            name: 'w',
            dataType: T.FLOAT,
            dims: [4],
            external: { location: 'w.bin', offset: 56, length: 16 },
          },
        ],
        ['error EXTERNAL_DATA_SHORT'],
      ],
      [
        'a missing external file',
        [{ name: 'w', dataType: T.FLOAT, dims: [4], external: { location: 'gone.bin' } }],
        ['error EXTERNAL_DATA_MISSING'],
      ],
      [
        'external data outside the folder',
        [{ name: 'w', dataType: T.FLOAT, dims: [4], external: { location: '../w.bin' } }],
        ['error EXTERNAL_DATA_OUTSIDE'],
      ],
    ])('%s', async (_name, initializers, expected) => {
      expect(codes(await check({ graph: withWeight(initializers) }))).toEqual(expected);
    });

    it('reports a missing data file once for all the tensors in it, saying what to do', async () => {
      const initializers = ['a', 'b', 'c'].map((name) => ({
        name,
        dataType: T.FLOAT,
        dims: [1],
        external: { location: 'weights.bin' },
      }));
      const spec = graph([{ op: 'Sum', inputs: ['x', 'a', 'b', 'c'], outputs: ['y'] }], { initializers });
      const findings = await check({ graph: spec });
      expect(findings).toEqual([
        {
          severity: 'error',
          code: 'EXTERNAL_DATA_MISSING',
          value: 'a',
          message:
            "The data of 3 tensors (first 'a') is in 'weights.bin', which is missing beside the model. Copy the data file into the model's folder.",
        },
      ]);
    });

    it('finds problems in a subfolder’s external data too', async () => {
      await mkdir(join(dir, 'sub'), { recursive: true });
      const initializers = [{ name: 'w', dataType: T.FLOAT, dims: [4], external: { location: 'sub/w.bin' } }];
      expect(codes(await check({ graph: withWeight(initializers) }))).toEqual([
        'error EXTERNAL_DATA_MISSING',
      ]);
    });
  });

  describe('declared shapes', () => {
    it('names a dim past 2^53 - 1 exactly, as the file holds it, and treats 2^31 x 2^31 as a size', async () => {
      const huge = { name: 'x', elemType: T.FLOAT, shape: [2n ** 63n - 1n, 3] };
      const findings = await check({
        graph: { nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [huge], outputs: [y] },
      });
      expect(findings).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'DIM_TOO_LARGE',
          value: 'x',
          message: expect.stringMatching(
            /^Input 'x' declares dims \[9223372036854775807, 3\]: 9223372036854775807 is/,
          ) as unknown,
        }),
      ]);
      const big = { name: 'x', elemType: T.FLOAT, shape: [2 ** 31, 2 ** 31] };
      const bigY = { ...big, name: 'y' };
      expect(
        await check({
          graph: { nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [big], outputs: [bigY] },
        }),
      ).toEqual([]);
    });
  });
});
