import * as ort from 'onnxruntime-node';
import { onnxElementName } from '../../../src/shared/tensors/elementTypes.js';
import type { TensorInfo } from './model.js';
import { openApiDocument } from './openapi.js';
import type { Route } from './router.js';
import { requireModel, type ServerState } from './state.js';
import { SERVER_NAME, SERVER_VERSION } from './version.js';

const describe = (info: TensorInfo) => ({
  name: info.name,
  type: info.type,
  elementType: onnxElementName(info.type),
  shape: info.shape,
});

/** Probes, model metadata, metrics and the API description. `routes` are every other route, for /openapi.json. */
export function infoRoutes(state: ServerState, routes: () => readonly Route[]): Route[] {
  return [
    {
      method: 'GET',
      path: '/health',
      summary: 'Liveness: 200 while the process answers, before the model has loaded too.',
      public: true,
      handle: () => ({ body: { status: 'ok' } }),
    },
    {
      method: 'GET',
      path: '/ready',
      summary: 'Readiness: 200 once the model is loaded, 503 while it loads and once shutdown has begun.',
      public: true,
      handle: () =>
        state.model && !state.draining
          ? { body: { ready: true } }
          : {
              status: 503,
              body: { ready: false, reason: state.draining ? 'shutting down' : 'loading the model' },
            },
    },
    {
      method: 'GET',
      path: '/metadata',
      summary:
        'The model: name, version, SHA-256, inputs and outputs with element type and shape (symbolic dims by name, null when unnamed).',
      response: 'Metadata',
      handle: () => {
        const model = requireModel(state);
        return {
          body: {
            name: state.config.modelName,
            version: state.config.modelVersion,
            sha256: model.sha256,
            sizeBytes: model.sizeBytes,
            platform: 'onnxruntime_onnx',
            inputs: model.inputs.map(describe),
            outputs: model.outputs.map(describe),
            unsupportedOutputs: model.unsupportedOutputs,
            limits: { maxBatch: state.config.maxBatch, maxBodyBytes: state.config.maxBodyBytes },
            server: { name: SERVER_NAME, version: SERVER_VERSION, node: process.version },
            onnxruntime: { version: ort.env.versions.node ?? ort.env.versions.common },
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      summary: 'Prometheus metrics in the text exposition format.',
      handle: async () => ({
        text: await state.metrics.exposition(),
        contentType: state.metrics.registry.contentType,
      }),
    },
    {
      method: 'GET',
      path: '/openapi.json',
      summary: 'This description of the API (OpenAPI 3.1).',
      handle: () => ({ body: openApiDocument(routes(), state.config) }),
    },
  ];
}
