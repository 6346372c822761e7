import { bundleWorker } from '../../../workerHost/testing/bundleWorker.js';

/** The model worker bundled from source, for tests that fork it. */
export function buildModelWorker(): Promise<string> {
  return bundleWorker('src/main/services/models/runtime/workerMain.ts', 'model-worker', ['onnxruntime-node']);
}
