import type { TensorType } from '../contract/models.js';

export { tensorTypes, type TensorType } from '../contract/models.js';

export type NumericData =
  | Float32Array
  | Float64Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A tensor as the workbench passes it around: float16 travels as its raw 16-bit patterns. */
export interface TensorValue {
  type: TensorType;
  dims: number[];
  data: NumericData | string[];
}

type ArrayMaker = (buffer: ArrayBuffer, byteOffset: number, length: number) => NumericData;

const makers: Record<Exclude<TensorType, 'string'>, { bytes: number; make: ArrayMaker }> = {
  float32: { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  float64: { bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
  float16: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  int8: { bytes: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  uint8: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  int16: { bytes: 2, make: (b, o, n) => new Int16Array(b, o, n) },
  uint16: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  int32: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  uint32: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  int64: { bytes: 8, make: (b, o, n) => new BigInt64Array(b, o, n) },
  uint64: { bytes: 8, make: (b, o, n) => new BigUint64Array(b, o, n) },
  bool: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
};

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}

export function bytesPerElement(type: Exclude<TensorType, 'string'>): number {
  return makers[type].bytes;
}

/** A view of the tensor's bytes, sharing its memory (no copy). */
export function tensorBytes(data: NumericData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The typed array of `type` over `bytes`, sharing their memory when they are aligned for the type;
 * otherwise over an aligned copy (a typed array cannot start at an unaligned offset).
 */
export function tensorData(type: Exclude<TensorType, 'string'>, bytes: Uint8Array): NumericData {
  const { bytes: size, make } = makers[type];
  if (bytes.byteLength % size !== 0)
    throw new Error(`${bytes.byteLength} bytes are not a whole number of ${type} elements`);
  const aligned = bytes.byteOffset % size === 0 ? bytes : Uint8Array.from(bytes);
  return make(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size);
}
