/** TensorProto.DataType codes, by position. */
const onnxTypeNames: readonly string[] = [
  'UNDEFINED',
  'FLOAT',
  'UINT8',
  'INT8',
  'UINT16',
  'INT16',
  'INT32',
  'INT64',
  'STRING',
  'BOOL',
  'FLOAT16',
  'DOUBLE',
  'UINT32',
  'UINT64',
  'COMPLEX64',
  'COMPLEX128',
  'BFLOAT16',
  'FLOAT8E4M3FN',
  'FLOAT8E4M3FNUZ',
  'FLOAT8E5M2',
  'FLOAT8E5M2FNUZ',
  'UINT4',
  'INT4',
];

/** ONNX's name for a TensorProto.DataType code: FLOAT, INT64, ... */
export function onnxElementTypeName(code: number): string {
  return onnxTypeNames[code] ?? `element type ${code}`;
}
