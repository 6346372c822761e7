/**
 * ONNX element types (TensorProto.DataType in resources/onnx/onnx.proto): their names, their width
 * and which TensorProto field holds them when raw_data is not used.
 */

export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const;

/** The typed TensorProto fields; STRING is the one type that may not use raw_data. */
export type TypedField =
  'float_data' | 'int32_data' | 'string_data' | 'int64_data' | 'double_data' | 'uint64_data';

interface DataTypeInfo {
  name: string;
  /** Bits per element (a complex number counts both parts); 0 for STRING. */
  bits: number;
  field: TypedField;
}

const D = DataType;
const bitsAndField: Record<number, [number, TypedField]> = {
  [D.FLOAT]: [32, 'float_data'],
  [D.UINT8]: [8, 'int32_data'],
  [D.INT8]: [8, 'int32_data'],
  [D.UINT16]: [16, 'int32_data'],
  [D.INT16]: [16, 'int32_data'],
  [D.INT32]: [32, 'int32_data'],
  [D.INT64]: [64, 'int64_data'],
  [D.STRING]: [0, 'string_data'],
  [D.BOOL]: [8, 'int32_data'],
  [D.FLOAT16]: [16, 'int32_data'],
  [D.DOUBLE]: [64, 'double_data'],
  [D.UINT32]: [32, 'uint64_data'],
  [D.UINT64]: [64, 'uint64_data'],
  // Complex numbers are stored as (real, imaginary) pairs of their component type.
  [D.COMPLEX64]: [64, 'float_data'],
  [D.COMPLEX128]: [128, 'double_data'],
  [D.BFLOAT16]: [16, 'int32_data'],
  [D.FLOAT8E4M3FN]: [8, 'int32_data'],
  [D.FLOAT8E4M3FNUZ]: [8, 'int32_data'],
  [D.FLOAT8E5M2]: [8, 'int32_data'],
  [D.FLOAT8E5M2FNUZ]: [8, 'int32_data'],
  [D.UINT4]: [4, 'int32_data'],
  [D.INT4]: [4, 'int32_data'],
  [D.FLOAT4E2M1]: [4, 'int32_data'],
  [D.FLOAT8E8M0]: [8, 'int32_data'],
  [D.UINT2]: [2, 'int32_data'],
  [D.INT2]: [2, 'int32_data'],
};

const table = new Map<number, DataTypeInfo>(
  Object.entries(DataType).map(([name, code]) => {
    const [bits, field] = bitsAndField[code] ?? [0, 'int32_data'];
    return [code, { name, bits, field }];
  }),
);

export function dataTypeInfo(code: number): DataTypeInfo | undefined {
  return table.get(code);
}

/** The ONNX name of an element type; a code this schema does not know stays visible as a number. */
export function dataTypeName(code: number): string {
  if (code === 0) return 'UNDEFINED';
  return table.get(code)?.name ?? `UNKNOWN(${code})`;
}

/** Bytes that `elements` values of a fixed-width type occupy, sub-byte types packed; null for STRING or unknown. */
export function fixedByteLength(code: number, elements: number): number | null {
  const bits = table.get(code)?.bits;
  if (!bits) return null;
  return Math.ceil((elements * bits) / 8);
}
