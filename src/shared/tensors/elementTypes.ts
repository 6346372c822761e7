import { tensorTypes } from '../contract/models.js';

/** The element types onnxruntime-node can feed and return, by its own names (Tensor.Type). */
export const elementTypes = tensorTypes;
export type ElementType = (typeof elementTypes)[number];

export function isElementType(value: unknown): value is ElementType {
  return typeof value === 'string' && (elementTypes as readonly string[]).includes(value);
}

const ONNX: Record<ElementType, string> = {
  float32: 'FLOAT',
  float64: 'DOUBLE',
  float16: 'FLOAT16',
  int8: 'INT8',
  uint8: 'UINT8',
  int16: 'INT16',
  uint16: 'UINT16',
  int32: 'INT32',
  uint32: 'UINT32',
  int64: 'INT64',
  uint64: 'UINT64',
  bool: 'BOOL',
  string: 'STRING',
};

/** Open Inference Protocol v2 datatype names (its "Tensor Data Types" table). */
const OIP: Record<ElementType, string> = {
  float32: 'FP32',
  float64: 'FP64',
  float16: 'FP16',
  int8: 'INT8',
  uint8: 'UINT8',
  int16: 'INT16',
  uint16: 'UINT16',
  int32: 'INT32',
  uint32: 'UINT32',
  int64: 'INT64',
  uint64: 'UINT64',
  bool: 'BOOL',
  string: 'BYTES',
};

/** In the order of the protocol's table. */
export const oipDatatypes: readonly string[] = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
];

/** The ONNX TensorProto name (FLOAT) of an element type, or the runtime's own name upper-cased for others. */
export function onnxElementName(type: string): string {
  return isElementType(type) ? ONNX[type] : type.toUpperCase();
}

export function oipDatatype(type: string): string | undefined {
  return isElementType(type) ? OIP[type] : undefined;
}

export function elementTypeOfOip(datatype: string): ElementType | undefined {
  return elementTypes.find((type) => OIP[type] === datatype);
}
