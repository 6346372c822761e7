import { createRequire } from 'node:module';

/**
 * ONNX Runtime's version for the status bar, read from its package: loading the native binding
 * in the main process just to ask would defeat the worker's isolation.
 */
export function onnxRuntimeVersion(): string {
  const version = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version?: string })
    .version;
  return `ONNX Runtime ${version ?? 'unknown'}`;
}
