/**
 * ONNX-to-ONNX transforms in TypeScript, no Python: float16 conversion, dynamic int8 weight
 * quantization, metadata editing and an opset report, plus the proof that a result still computes
 * the same (compareModels).
 */
export { readModelForTransform, parseModelForTransform, encodeModel } from './modelFile.js';
export { transformModelFile, type TransformRequest, type TransformResult } from './convertFile.js';
export {
  convertToFloat16,
  DEFAULT_FLOAT16_BLOCK_LIST,
  type Float16Options,
  type Float16Report,
} from './float16.js';
export {
  quantizeDynamic,
  DEFAULT_MIN_ELEMENTS,
  type QuantizeOptions,
  type QuantizeReport,
} from './quantizeDynamic.js';
export type { WeightType } from './quantizeWeights.js';
export { editMetadata, type MetadataEdit } from './metadata.js';
export { opsetReport, type OpsetReport, type OpUse } from './opsetReport.js';
export { compareModels, type CompareOptions, type Comparison, type OutputParity } from './compare.js';
export type { ProtoModel } from './proto.js';
