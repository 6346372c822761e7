export { loadModel, onnxRuntimeVersion } from './onnxRuntime.js';
export type { LoadedModel, TensorValue } from './onnxRuntime.js';
