export { onnxRuntimeVersion } from './runtimeVersion.js';
export { createModelService, type ModelService } from './modelService.js';
export { createModelHost, type ModelHost } from './runtime/modelHost.js';
export { forkWorker, type SpawnWorker, type WorkerProcess } from '../workerHost/index.js';
export { encodeTensors, runWireTensors } from './wireRun.js';
export { datasetBatch } from './datasetBatch.js';
export { runOnDataset, type RunOnDatasetRequest } from './runOnDataset.js';
export { createModelRegistry, type ModelRegistry, type AddRequest } from './registry/index.js';
export { generateInputs } from './tensors/generateInputs.js';
export { readNpy, writeNpy } from './tensors/npyFiles.js';
export {
  decodeModelProto,
  encodeModelProto,
  readOnnxModel,
  readRegularFile,
  regularFileFacts,
  type ProtoMessage,
} from './onnx/index.js';
