import protobuf from 'protobufjs/light.js';
import { describe, expect, it } from 'vitest';
import { decodeModelProto, encodeModelProto } from './modelProtoCodec.js';
import { ModelProto } from './schema/onnxSchema.js';

const GraphProto = ModelProto.root.lookupType('onnx.GraphProto');

/** Protobuf fields no onnx.proto defines: a varint, a length-delimited run, a fixed32 and a fixed64. */
function unknownFields(): Uint8Array {
  const writer = protobuf.Writer.create();
  writer.uint32((900 << 3) | 0).uint64('18446744073709551615');
  writer.uint32((901 << 3) | 2).bytes(Uint8Array.of(1, 2, 3));
  writer.uint32((902 << 3) | 5).fixed32(0xdeadbeef);
  writer.uint32((903 << 3) | 1).fixed64(123456789);
  return writer.finish();
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

/** A model whose top level and graph both carry fields from a future onnx.proto. */
function modelWithUnknownFields(): Uint8Array {
  const graph = GraphProto.encode(
    GraphProto.fromObject({
      name: 'g',
      node: [
        {
          op_type: 'Slice',
          input: ['x'],
          output: ['y'],
          attribute: [{ name: 'ends', type: 7, ints: ['9223372036854775807'] }],
        },
      ],
      initializer: [{ name: 'w', data_type: 1, dims: [2], float_data: [1.5, -2] }],
    }),
  ).finish();
  const head = ModelProto.encode(
    ModelProto.fromObject({
      ir_version: 8,
      producer_name: 'p',
      opset_import: [{ domain: '', version: 9 }],
      metadata_props: [{ key: 'k', value: 'v' }],
    }),
  ).finish();
  const writer = protobuf.Writer.create();
  writer.uint32((7 << 3) | 2).bytes(concat(graph, unknownFields()));
  return concat(head, writer.finish(), unknownFields());
}

describe('the ModelProto codec for transforms', () => {
  it('writes back every known field as protobufjs reads it', () => {
    const bytes = modelWithUnknownFields();
    const again = encodeModelProto(decodeModelProto(bytes));
    expect(ModelProto.toObject(ModelProto.decode(again), { longs: String })).toEqual(
      ModelProto.toObject(ModelProto.decode(bytes), { longs: String }),
    );
  });

  it('keeps fields it does not know, at the top level and inside the graph', () => {
    const decoded = decodeModelProto(modelWithUnknownFields());
    expect(decoded.$unknown?.map((field) => field.id)).toEqual([900, 901, 902, 903]);
    const again = decodeModelProto(encodeModelProto(decoded));
    const graph = again.graph as { $unknown?: { id: number; value: unknown }[] };
    expect(graph.$unknown?.map((field) => field.id)).toEqual([900, 901, 902, 903]);
    expect(String(again.$unknown?.[0]?.value)).toBe('18446744073709551615');
    expect([...(again.$unknown?.[1]?.value as Uint8Array)]).toEqual([1, 2, 3]);
    expect(again.$unknown?.[2]?.value).toBe(0xdeadbeef);
  });

  it('keeps int64 values beyond 2^53 exact', () => {
    const decoded = decodeModelProto(encodeModelProto(decodeModelProto(modelWithUnknownFields())));
    const graph = decoded.graph as { node: { attribute: { ints: unknown[] }[] }[] };
    expect(String(graph.node[0]?.attribute[0]?.ints[0])).toBe('9223372036854775807');
  });

  it('throws on bytes that are not protobuf', () => {
    expect(() => decodeModelProto(new TextEncoder().encode('hello, not a model'))).toThrow();
  });
});
