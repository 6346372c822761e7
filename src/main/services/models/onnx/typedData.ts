import protobuf from 'protobufjs/light.js';
import { DataType } from './dataTypes.js';

/** TensorProto's typed data fields by number, and how each packs its values. */
const typedFields: Record<number, 'fixed32' | 'fixed64' | 'varint' | 'string'> = {
  4: 'fixed32', // float_data
  5: 'varint', // int32_data
  6: 'string', // string_data
  7: 'varint', // int64_data
  10: 'fixed64', // double_data
  11: 'varint', // uint64_data
};

const WIRE_LENGTH_DELIMITED = 2;

/**
 * How many values an encoded TensorProto holds in its typed data fields (float_data, int32_data, …),
 * counted on the wire without decoding them: a packed run of fixed-width values by its length, of
 * varints by their last bytes. The lazy schema skips these fields, so this is the only look at them.
 */
export function typedValueCount(encoded: Uint8Array): number {
  const reader = protobuf.Reader.create(encoded);
  let count = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    const packing = typedFields[field];
    if (!packing || packing === 'string' || wireType !== WIRE_LENGTH_DELIMITED) {
      // One value, written unpacked (or one string), or a field that holds no values.
      if (packing) count++;
      reader.skipType(wireType);
      continue;
    }
    const length = reader.uint32();
    const start = reader.pos;
    if (packing === 'fixed32') count += Math.floor(length / 4);
    else if (packing === 'fixed64') count += Math.floor(length / 8);
    else for (let i = start; i < start + length; i++) if (((reader.buf[i] ?? 0) & 0x80) === 0) count++;
    reader.skip(length);
  }
  return count;
}

/**
 * How many typed values ONNX Runtime expects for `elements` elements: complex numbers take two,
 * 4-bit types pack two per int32_data value and 2-bit types four.
 */
export function expectedTypedValues(dataType: number, elements: number): number {
  switch (dataType) {
    case DataType.COMPLEX64:
    case DataType.COMPLEX128:
      return elements * 2;
    case DataType.INT4:
    case DataType.UINT4:
    case DataType.FLOAT4E2M1:
      return Math.ceil(elements / 2);
    case DataType.INT2:
    case DataType.UINT2:
      return Math.ceil(elements / 4);
    default:
      return elements;
  }
}
