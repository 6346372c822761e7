import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from './dataTypes.js';
import type { OnnxModel } from './model.js';
import { readOnnxModel } from './readModel.js';
import { encodeModel, encodeTensor, writeModel, type ModelSpec } from './testModels.js';

const T = DataType;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlw-onnx-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** y = x + W, with W a FLOAT [1024, 256] initializer stored however `w` says. */
function addModel(w: Partial<Parameters<typeof encodeTensor>[0]>): ModelSpec {
  return {
    graph: {
      nodes: [{ op: 'Add', inputs: ['x', 'W'], outputs: ['y'] }],
      inputs: [{ name: 'x', elemType: T.FLOAT, shape: ['batch', 1024, 256] }],
      outputs: [{ name: 'y', elemType: T.FLOAT, shape: ['batch', 1024, 256] }],
      initializers: [{ name: 'W', dataType: T.FLOAT, dims: [1024, 256], ...w }],
    },
  };
}

/** Every Uint8Array reachable from the model, to prove no weight and no slice of the file is kept. */
function byteArrays(value: unknown, found: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array) found.push(value);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) byteArrays(item, found);
  return found;
}

describe('readOnnxModel', () => {
  it('decodes the model’s metadata, opsets, values and nodes', async () => {
    const path = await writeModel(dir, 'meta.onnx', {
      irVersion: 9,
      opset: [
        { domain: '', version: 19 },
        { domain: 'ai.onnx.ml', version: 3 },
      ],
      producer: { name: 'pytorch', version: '2.5.0' },
      docString: 'A test model.',
      metadata: { author: 'tests', license: 'MIT' },
      graph: {
        name: 'main',
        nodes: [
          {
            op: 'Constant',
            inputs: [],
            outputs: ['k'],
            name: 'const',
            attributes: { value: { tensor: { dataType: T.INT64, dims: [2], int64_data: [1, -1] } } },
          },
          { op: 'Reshape', inputs: ['x', 'k'], outputs: ['r'], attributes: { allowzero: 0 } },
          { op: 'LeakyRelu', inputs: ['r'], outputs: ['y'], attributes: { alpha: { f: 0.5 } } },
        ],
        inputs: [{ name: 'x', elemType: T.FLOAT, shape: ['batch', 3, null] }],
        outputs: [{ name: 'y', elemType: T.FLOAT }],
      },
    });
    const model = await readOnnxModel(path);
    expect(model).toMatchObject({
      path,
      irVersion: 9,
      opsetImports: [
        { domain: '', version: 19 },
        { domain: 'ai.onnx.ml', version: 3 },
      ],
      producerName: 'pytorch',
      producerVersion: '2.5.0',
      docString: 'A test model.',
      metadataProps: [
        { key: 'author', value: 'tests' },
        { key: 'license', value: 'MIT' },
      ],
    });
    expect(model.graph.inputs[0]?.type).toEqual({
      kind: 'tensor',
      elementType: T.FLOAT,
      shape: ['batch', 3, null],
    });
    expect(model.graph.outputs[0]?.type).toEqual({ kind: 'tensor', elementType: T.FLOAT, shape: null });
    expect(model.graph.nodes.map((node) => [node.name, node.opType, node.inputs, node.outputs])).toEqual([
      ['const', 'Constant', [], ['k']],
      ['reshape_1', 'Reshape', ['x', 'k'], ['r']],
      ['leakyrelu_2', 'LeakyRelu', ['r'], ['y']],
    ]);
    expect(model.graph.nodes[2]?.attributes).toEqual([{ name: 'alpha', type: 'FLOAT', value: 0.5 }]);
    const value = model.graph.nodes[0]?.attributes[0];
    expect(value).toMatchObject({
      name: 'value',
      type: 'TENSOR',
      value: { dataType: T.INT64, dims: [2], storage: 'typed' },
    });
  });

  it('says when ir_version is absent rather than reading 0', async () => {
    const model = await readOnnxModel(
      await writeModel(dir, 'no-ir.onnx', { ...addModel({}), irVersion: null }),
    );
    expect(model.irVersion).toBeNull();
  });

  it.each([
    ['raw_data', { raw_data: new Uint8Array(1024 * 256 * 4) }, 'raw', 1024 * 256 * 4],
    ['packed float_data', { float_data: new Array<number>(1024 * 256).fill(0.5) }, 'typed', null],
  ])('leaves weights in %s unread and keeps no part of the file', async (_name, w, storage, rawBytes) => {
    const model = await readOnnxModel(await writeModel(dir, 'weights.onnx', addModel(w)));
    expect(model.graph.initializers[0]).toMatchObject({
      name: 'W',
      dims: [1024, 256],
      storage,
      rawBytes,
      encoded: null,
    });
    const kept = byteArrays(model);
    expect(kept.every((array) => array.buffer.byteLength < 64 * 1024)).toBe(true);
  });

  it('keeps small integer initializers encoded, for shape inference', async () => {
    const spec = addModel({});
    spec.graph.initializers = [{ name: 'shape', dataType: T.INT64, dims: [2], int64_data: [4, -1] }];
    const model = await readOnnxModel(await writeModel(dir, 'small.onnx', spec));
    expect(model.graph.initializers[0]?.encoded).toBeInstanceOf(Uint8Array);
  });

  it('stops at once when cancelled', async () => {
    const path = await writeModel(dir, 'cancel.onnx', addModel({}));
    await expect(readOnnxModel(path, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  describe('refuses what is not a model, naming the file', () => {
    const model = () => encodeModel(addModel({ raw_data: new Uint8Array(1024 * 256 * 4) }));
    it.each([
      ['an empty file', () => new Uint8Array(0), /^bad\.onnx is empty \(0 bytes\)\.$/],
      [
        'random bytes',
        () => new TextEncoder().encode('this is not a model, just some text'),
        /^bad\.onnx is not an ONNX model, or is cut short: protobuf decoding failed/,
      ],
      [
        'a model cut in the middle of its weights',
        () => model().subarray(0, 500_000),
        /^bad\.onnx is not an ONNX model, or is cut short: protobuf decoding failed \(index out of range/,
      ],
      // Field 1 (ir_version) = 7 and nothing else.
      [
        'protobuf without a graph',
        () => Uint8Array.of(0x08, 0x07),
        /^bad\.onnx is not an ONNX model, or is cut short: it has no graph\.$/,
      ],
      [
        'a tensor file',
        () =>
          encodeTensor({
            name: 'x',
            dataType: T.FLOAT,
            dims: [3, 4],
            float_data: new Array<number>(12).fill(1),
          }),
        /^bad\.onnx is a serialized tensor \(TensorProto 'x', FLOAT \[3, 4\]\), not an ONNX model\.$/,
      ],
    ])('%s', async (_name, content, message) => {
      const path = join(dir, 'bad.onnx');
      await writeFile(path, content());
      const error = await readOnnxModel(path).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(message) as unknown,
        details: { path },
      });
      expect((error as { hint?: string }).hint).toBeTruthy();
    });

    it('a missing file', async () => {
      await expect(readOnnxModel(join(dir, 'nowhere.onnx'))).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Cannot read nowhere.onnx: no such file.',
      });
    });

    it('a folder', async () => {
      await mkdir(join(dir, 'folder.onnx'), { recursive: true });
      await expect(readOnnxModel(join(dir, 'folder.onnx'))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `${join(dir, 'folder.onnx')} is a folder, not an ONNX model file.`,
      });
    });
  });

  describe('external data', () => {
    const bytes = 1024 * 256 * 4;
    let folder: string;
    const external = (location: string, extra: { offset?: number; length?: number } = {}) =>
      addModel({ external: { location, ...extra } });
    const read = async (spec: ModelSpec): Promise<OnnxModel> =>
      readOnnxModel(await writeModel(folder, 'model.onnx', spec));

    beforeAll(async () => {
      folder = join(dir, 'external');
      await mkdir(join(folder, 'weights'), { recursive: true });
      await writeFile(join(folder, 'weights', 'w.bin'), new Uint8Array(4096 + bytes));
      await writeFile(join(dir, 'outside.bin'), new Uint8Array(bytes));
      await symlink(join(dir, 'outside.bin'), join(folder, 'link.bin'));
    });

    it('is resolved in the model’s folder, with its file’s size', async () => {
      const model = await read(external('weights/w.bin', { offset: 4096, length: bytes }));
      expect(model.graph.initializers[0]?.external).toEqual({
        location: 'weights/w.bin',
        offset: 4096,
        length: bytes,
        path: join(folder, 'weights', 'w.bin'),
        fileBytes: 4096 + bytes,
        problem: null,
      });
    });

    it.each([
      ['missing.bin', {}, 'missing'],
      ['../outside.bin', {}, 'outside-model-folder'],
      ['/etc/hostname', {}, 'outside-model-folder'],
      ['link.bin', {}, 'outside-model-folder'],
      ['weights', {}, 'not-a-file'],
      ['weights/w.bin', { offset: 8192, length: bytes }, 'short'],
    ])('records a problem with %s %j: %s', async (location, extra, problem) => {
      const model = await read(external(location, extra));
      expect(model.graph.initializers[0]?.external?.problem).toBe(problem);
    });
  });
});
