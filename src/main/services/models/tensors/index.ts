/** Tensors as files and as generated inputs: NPY/NPZ, float16 bits, inputs from a signature. */
export { float16ToNumber, numberToFloat16 } from './float16.js';
export { decodeNpy, decodeNpz, encodeNpy, encodeNpz, readNpy, readNpz, writeNpy, writeNpz } from './npy.js';
export { concreteShape, generateInputs, seededRandom, type GenerateOptions } from './generateInputs.js';
export { tensorFromJson } from './jsonTensor.js';
// ONNX's names for TensorProto.DataType codes come from the reader's one table.
export { dataTypeName as onnxElementTypeName } from '../onnx/index.js';
