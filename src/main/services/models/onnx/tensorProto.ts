import { DataType, dataTypeInfo, dataTypeName, fixedByteLength } from './dataTypes.js';
import { invalidFile } from './errors.js';
import { readRegularFile } from './regularFile.js';
import { TensorProto } from './schema/onnxSchema.js';
import { has, toBigInt, toNumber, type WireTensor } from './schema/wire.js';

/**
 * A tensor's values as typed arrays, never JS number arrays:
 * - 8- to 64-bit integers and floats in their own typed array (INT64 as BigInt64Array);
 * - BOOL as Uint8Array of 0/1;
 * - FLOAT16, BFLOAT16 as Uint16Array and the FLOAT8 types as Uint8Array: raw bits, undecoded;
 * - 4- and 2-bit types unpacked to one element per byte (INT4/INT2 sign-extended into Int8Array);
 * - COMPLEX64/128 as Float32/64Array of (real, imaginary) pairs;
 * - STRING as string[].
 */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

export interface DecodedTensor {
  name: string;
  /** TensorProto.DataType code. */
  dataType: number;
  /** Its ONNX name: FLOAT, INT64, ... */
  dataTypeName: string;
  dims: number[];
  data: TensorData;
}

/** Reads a serialized TensorProto file, such as the ONNX test suite's `input_0.pb`. */
export async function readTensorProto(
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<DecodedTensor> {
  const bytes = await readRegularFile(path, 'a tensor', options);
  return decodeTensorProto(bytes, path);
}

/** Decodes a serialized TensorProto; `source` names it in errors. */
export function decodeTensorProto(bytes: Uint8Array, source = 'The tensor'): DecodedTensor {
  const hint = 'Check that the file is a complete TensorProto (.pb), not a model or another format.';
  let wire: WireTensor;
  try {
    wire = TensorProto.decode(bytes) as unknown as WireTensor;
  } catch (error) {
    throw invalidFile(source, `is not a TensorProto: ${(error as Error).message}.`, hint, error);
  }
  const dims = wire.dims.map(toNumber);
  const info = dataTypeInfo(wire.data_type);
  if (!info || dims.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) {
    throw invalidFile(
      source,
      `is not a TensorProto: element type ${dataTypeName(wire.data_type)}, dims [${dims.join(', ')}].`,
      hint,
    );
  }
  if (wire.data_location === 1) {
    throw invalidFile(
      source,
      'keeps its values in an external file, which this reader does not follow.',
      'Save the tensor with its data inline.',
    );
  }
  const count = dims.reduce((product, dim) => product * dim, 1);
  return {
    name: wire.name,
    dataType: wire.data_type,
    dataTypeName: info.name,
    dims,
    data: valuesOf(wire, count, source),
  };
}

function valuesOf(wire: WireTensor, count: number, source: string): TensorData {
  const type = wire.data_type;
  const mismatch = (found: string) => {
    const bytes = fixedByteLength(type, count);
    const need = `${count} values${bytes === null ? '' : ` (${bytes} bytes)`}`;
    return invalidFile(
      source,
      `holds ${found}, but its ${dataTypeName(type)} dims [${wire.dims.map(toNumber).join(', ')}] need ${need}.`,
      'The tensor is corrupt: export it again.',
    );
  };
  if (type === D.STRING) {
    if (wire.string_data.length !== count) throw mismatch(`${wire.string_data.length} strings`);
    return wire.string_data.map((item) => utf8.decode(item));
  }
  if (has(wire, 'raw_data')) {
    if (wire.raw_data.length !== fixedByteLength(type, count)) {
      throw mismatch(`${wire.raw_data.length} bytes of raw_data`);
    }
    // A copy (Buffer.slice would be a view): aligned, and free of the file it came from.
    return fromRaw(type, new Uint8Array(wire.raw_data), count);
  }
  const field = dataTypeInfo(type)?.field ?? 'int32_data';
  const values = wire[field];
  const bits = subByteBits(type);
  const complex = type === D.COMPLEX64 || type === D.COMPLEX128;
  const expected = bits ? Math.ceil((count * bits) / 8) : complex ? count * 2 : count;
  if (values.length !== expected) throw mismatch(`${values.length} values in ${field}`);
  switch (field) {
    case 'float_data':
      return Float32Array.from(wire.float_data);
    case 'double_data':
      return Float64Array.from(wire.double_data);
    case 'int64_data':
      return BigInt64Array.from(wire.int64_data, toBigInt);
    case 'uint64_data':
      return type === D.UINT32
        ? Uint32Array.from(wire.uint64_data, toNumber)
        : BigUint64Array.from(wire.uint64_data, toBigInt);
    default:
      // Every other type has one element per int32_data entry, or one packed byte for sub-byte types.
      return fromRaw(type, bytesOfInt32Field(type, wire.int32_data), count);
  }
}

const D = DataType;
const utf8 = new TextDecoder();

/** Bits of the 4- and 2-bit types, packed into bytes with the first element in the low bits; else 0. */
function subByteBits(type: number): number {
  const bits = dataTypeInfo(type)?.bits ?? 8;
  return bits < 8 ? bits : 0;
}

/** int32_data's entries laid out as raw_data would hold them, so one path builds the typed array. */
function bytesOfInt32Field(type: number, values: number[]): Uint8Array {
  switch (type) {
    case D.INT32:
      return new Uint8Array(Int32Array.from(values).buffer);
    case D.INT16:
      return new Uint8Array(Int16Array.from(values).buffer);
    case D.UINT16:
    case D.FLOAT16:
    case D.BFLOAT16:
      return new Uint8Array(Uint16Array.from(values).buffer);
    default:
      // INT8 and the unsigned 8-bit types, BOOL, the FLOAT8 types and the packed sub-byte types.
      return Uint8Array.from(values);
  }
}

/**
 * raw_data is little-endian (onnx.proto); typed arrays use the machine's order, which is little-endian
 * on every platform the app ships for. `bytes` must be the caller's own copy: a slice of the file may be
 * misaligned, and the result keeps no reference to the file.
 */
function fromRaw(type: number, bytes: Uint8Array, count: number): TensorData {
  const buffer = bytes.buffer;
  switch (type) {
    case D.FLOAT:
      return new Float32Array(buffer, 0, count);
    case D.COMPLEX64:
      return new Float32Array(buffer, 0, count * 2);
    case D.DOUBLE:
      return new Float64Array(buffer, 0, count);
    case D.COMPLEX128:
      return new Float64Array(buffer, 0, count * 2);
    case D.INT8:
      return new Int8Array(buffer, 0, count);
    case D.UINT16:
    case D.FLOAT16:
    case D.BFLOAT16:
      return new Uint16Array(buffer, 0, count);
    case D.INT16:
      return new Int16Array(buffer, 0, count);
    case D.INT32:
      return new Int32Array(buffer, 0, count);
    case D.UINT32:
      return new Uint32Array(buffer, 0, count);
    case D.INT64:
      return new BigInt64Array(buffer, 0, count);
    case D.UINT64:
      return new BigUint64Array(buffer, 0, count);
    default:
      return subByteBits(type) ? unpack(type, bytes, count) : new Uint8Array(buffer, 0, count);
  }
}

/** Unpacks 4-bit (two per byte) or 2-bit (four per byte) elements, low bits first. */
function unpack(type: number, packed: Uint8Array, count: number): Int8Array | Uint8Array {
  const bits = subByteBits(type);
  const signed = type === D.INT4 || type === D.INT2;
  const out = signed ? new Int8Array(count) : new Uint8Array(count);
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  for (let i = 0; i < count; i++) {
    const value = ((packed[Math.floor(i / perByte)] ?? 0) >> ((i % perByte) * bits)) & mask;
    out[i] = signed && value >> (bits - 1) ? value - (1 << bits) : value;
  }
  return out;
}
