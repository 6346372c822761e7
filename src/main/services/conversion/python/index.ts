export { findConvertersDir, PACKAGED_CONVERTERS_FOLDER } from './convertersDir.js';
export {
  detectPythonEnvironments,
  pickEnvironment,
  type PythonEnvironment,
  type PythonPackages,
  type PythonSource,
} from './environments.js';
export { runConverterScript, type ScriptOutcome, type ScriptRun } from './runScript.js';
export { explainFailure, type ScriptError } from './failures.js';
export {
  convertSklearn,
  convertTensorflow,
  convertTorch,
  type ConversionResult,
  type ParitySet,
  type SklearnConversion,
  type TensorflowConversion,
  type TorchConversion,
} from './converters.js';
