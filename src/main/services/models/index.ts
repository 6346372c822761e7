export { onnxRuntimeVersion } from './runtimeVersion.js';
export { createModelService, type ModelService } from './modelService.js';
export { createModelHost, type ModelHost } from './runtime/modelHost.js';
export { forkWorker, type SpawnWorker, type WorkerProcess } from './runtime/workerProcess.js';
export { runWireTensors } from './wireRun.js';
export { createModelRegistry, type ModelRegistry, type AddRequest } from './registry/index.js';
