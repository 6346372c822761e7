/** Tensors as files and as generated inputs: NPY/NPZ files, inputs from a signature. */
export { float16ToNumber, numberToFloat16 } from '../../../../shared/tensors/float16.js';
export { decodeNpy, decodeNpz, encodeNpy, encodeNpz } from '../../../../shared/tensors/npy.js';
export { tensorFromJson } from '../../../../shared/tensors/jsonTensor.js';
export { readNpy, readNpz, readTensorFile, writeNpy, writeNpz } from './npyFiles.js';
export { concreteShape, generateInputs, seededRandom, type GenerateOptions } from './generateInputs.js';
// ONNX's names for TensorProto.DataType codes come from the reader's one table.
export { dataTypeName as onnxElementTypeName } from '../onnx/index.js';
