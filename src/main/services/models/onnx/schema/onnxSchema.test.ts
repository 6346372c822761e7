import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { DataType } from '../dataTypes.js';
import { encodeModel } from '../testModels.js';
import { onnxProtoDescriptor } from './onnxProto.generated.js';
import { LazyModelProto, ModelProto } from './onnxSchema.js';

describe('the ONNX schema', () => {
  it('is the vendored onnx.proto, as generated (run resources/onnx/generate-schema.mjs after replacing it)', () => {
    const proto = readFileSync(
      new URL('../../../../../../resources/onnx/onnx.proto', import.meta.url),
      'utf8',
    );
    const { root } = protobuf.parse(proto, { keepCase: true });
    expect(onnxProtoDescriptor).toEqual(root.toJSON());
  });

  it('reads a model the same lazily as exactly, apart from the tensors it leaves encoded', () => {
    const bytes = encodeModel({
      graph: {
        nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'], attributes: { note: 'kept' } }],
        inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['N', 2] }],
        outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: ['N', 2] }],
        initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [2], float_data: [1, 2] }],
      },
    });
    const options = { longs: String, bytes: String, defaults: false };
    const exact = ModelProto.toObject(ModelProto.decode(bytes), options) as {
      graph: Record<string, unknown>;
    };
    const lazy = LazyModelProto.toObject(LazyModelProto.decode(bytes), options) as {
      graph: Record<string, unknown>;
    };
    expect(Object.keys(lazy.graph['initializer'] as object)).toHaveLength(1);
    delete exact.graph['initializer'];
    delete lazy.graph['initializer'];
    expect(lazy).toEqual(exact);
  });
});
