/**
 * Reading ONNX models without ONNX Runtime: structure, summary and structural checks, for the
 * models screen and the CLI. See docs/architecture.md, "Models: reading ONNX files".
 */
export { readOnnxModel } from './readModel.js';
export { inspect, type InspectOptions } from './inspect/inspect.js';
export type * from './inspect/summary.js';
export { checkModel } from './check/checkModel.js';
export { observationPlan, outputsSuffix, type ObservationPlan } from './observable.js';
export type { Finding } from './check/findings.js';
export { decodeTensorProto, readTensorProto, type DecodedTensor, type TensorData } from './tensorProto.js';
export type { OnnxModel } from './model.js';
export { tensorsOf } from './graphWalk.js';
export { dataTypeName } from './dataTypes.js';
export { openRegularFile, readRegularFile, regularFileFacts, type RegularFile } from './regularFile.js';
export {
  decodeModelProto,
  encodeModelProto,
  type ProtoMessage,
  type UnknownField,
} from './modelProtoCodec.js';
