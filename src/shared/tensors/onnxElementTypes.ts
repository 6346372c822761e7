import type { TensorType } from './tensors.js';

/** ONNX element type names (TensorProto.DataType) of the tensor types ONNX Runtime's JavaScript API carries. */
const TENSOR_TYPE_OF_ONNX: Readonly<Record<string, TensorType>> = {
  FLOAT: 'float32',
  DOUBLE: 'float64',
  FLOAT16: 'float16',
  INT8: 'int8',
  UINT8: 'uint8',
  INT16: 'int16',
  UINT16: 'uint16',
  INT32: 'int32',
  UINT32: 'uint32',
  INT64: 'int64',
  UINT64: 'uint64',
  BOOL: 'bool',
  STRING: 'string',
};

/** The ONNX Runtime name of an ONNX element type (FLOAT → float32), or undefined for one it cannot carry (BFLOAT16, FLOAT8…). */
export function tensorTypeOfOnnx(onnxName: string): TensorType | undefined {
  return Object.hasOwn(TENSOR_TYPE_OF_ONNX, onnxName) ? TENSOR_TYPE_OF_ONNX[onnxName] : undefined;
}

/** An ONNX element type as ONNX Runtime (and so an observed value) names it: FLOAT → float32, BFLOAT16 → bfloat16. */
export function ortElementName(onnxName: string): string {
  return tensorTypeOfOnnx(onnxName) ?? onnxName.toLowerCase();
}
