import type { ServerConfig } from './config.js';
import { elementTypes, oipDatatypes } from '../../../src/shared/tensors/elementTypes.js';
import type { Route } from './router.js';
import { SERVER_NAME, SERVER_VERSION } from './version.js';

const error = { $ref: '#/components/schemas/Error' };
const tensorData = {
  type: 'array',
  description:
    'Elements in row-major order, flat or nested. NaN and ±Infinity as strings; 64-bit integers past 2^53 as decimal strings.',
  items: {},
};
const shape = { type: 'array', items: { type: 'integer', minimum: 0 } };
const datatype = { type: 'string', enum: oipDatatypes };
const elementType = { type: 'string', enum: elementTypes };
const namedTensor = {
  type: 'object',
  required: ['data'],
  properties: { shape, data: tensorData, type: elementType },
};
const modelTensor = {
  type: 'object',
  required: ['name', 'type', 'elementType', 'shape'],
  properties: {
    name: { type: 'string' },
    type: elementType,
    elementType: { type: 'string', description: 'The ONNX element type (FLOAT, INT64…).' },
    shape: {
      type: 'array',
      description: 'A size, a symbolic dim by name, or null for a dim the model leaves unnamed.',
      items: { type: ['integer', 'string', 'null'] },
    },
  },
};
const v2Tensor = {
  type: 'object',
  required: ['name', 'datatype', 'shape'],
  properties: {
    name: { type: 'string' },
    datatype,
    shape: { type: 'array', description: '-1 for a dynamic dim.', items: { type: 'integer' } },
  },
};

const schemas = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'string', description: 'What was wrong, naming the input or field.' } },
  },
  PredictRequest: {
    oneOf: [
      {
        type: 'object',
        required: ['records'],
        properties: {
          records: {
            type: 'array',
            description: "One object per row: each input's value for that row (its slice along dim 0).",
            items: { type: 'object', additionalProperties: {} },
          },
        },
      },
      {
        type: 'object',
        required: ['inputs'],
        properties: { inputs: { type: 'object', additionalProperties: namedTensor } },
      },
    ],
  },
  PredictResponse: {
    oneOf: [
      {
        type: 'object',
        required: ['predictions'],
        properties: { predictions: { type: 'array', items: { type: 'object', additionalProperties: {} } } },
      },
      {
        type: 'object',
        required: ['outputs'],
        properties: {
          outputs: {
            type: 'object',
            additionalProperties: { ...namedTensor, required: ['type', 'shape', 'data'] },
          },
        },
      },
    ],
  },
  Metadata: {
    type: 'object',
    required: ['name', 'version', 'sha256', 'inputs', 'outputs', 'server', 'onnxruntime'],
    properties: {
      name: { type: 'string' },
      version: { type: 'string' },
      sha256: { type: 'string' },
      sizeBytes: { type: 'integer' },
      platform: { type: 'string' },
      inputs: { type: 'array', items: modelTensor },
      outputs: { type: 'array', items: modelTensor },
      unsupportedOutputs: { type: 'array', items: { type: 'string' } },
      limits: { type: 'object' },
      server: { type: 'object' },
      onnxruntime: { type: 'object' },
    },
  },
  V2ServerMetadata: {
    type: 'object',
    required: ['name', 'version', 'extensions'],
    properties: {
      name: { type: 'string' },
      version: { type: 'string' },
      extensions: { type: 'array', items: { type: 'string' } },
    },
  },
  V2ModelMetadata: {
    type: 'object',
    required: ['name', 'platform', 'inputs', 'outputs'],
    properties: {
      name: { type: 'string' },
      versions: { type: 'array', items: { type: 'string' } },
      platform: { type: 'string' },
      inputs: { type: 'array', items: v2Tensor },
      outputs: { type: 'array', items: v2Tensor },
    },
  },
  V2InferenceRequest: {
    type: 'object',
    required: ['inputs'],
    properties: {
      id: { type: 'string' },
      parameters: {
        type: 'object',
        properties: {
          binary_data_output: {
            type: 'boolean',
            description: 'Every output as binary data unless it says otherwise.',
          },
        },
      },
      inputs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'shape', 'datatype'],
          description:
            '"data" as JSON, or (binary tensor data extension) parameters.binary_data_size bytes after the JSON header, whose length the Inference-Header-Content-Length header gives.',
          properties: {
            name: { type: 'string' },
            shape,
            datatype,
            parameters: { type: 'object', properties: { binary_data_size: { type: 'integer', minimum: 0 } } },
            data: tensorData,
          },
        },
      },
      outputs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            parameters: { type: 'object', properties: { binary_data: { type: 'boolean' } } },
          },
        },
      },
    },
  },
  V2InferenceResponse: {
    type: 'object',
    required: ['model_name', 'outputs'],
    properties: {
      model_name: { type: 'string' },
      model_version: { type: 'string' },
      id: { type: 'string' },
      outputs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'shape', 'datatype'],
          properties: {
            name: { type: 'string' },
            shape,
            datatype,
            parameters: { type: 'object', properties: { binary_data_size: { type: 'integer' } } },
            data: tensorData,
          },
        },
      },
    },
  },
};

/** OpenAPI 3.1 for `routes`, built from the routes themselves so no route goes undescribed. */
export function openApiDocument(routes: readonly Route[], config: ServerConfig): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const content = (schema: unknown) => ({ 'application/json': { schema } });
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())}`,
      summary: route.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.request
        ? {
            requestBody: {
              required: true,
              content: content({ $ref: `#/components/schemas/${route.request}` }),
            },
          }
        : {}),
      ...(route.public ? { security: [] } : {}),
      responses: {
        '200':
          route.path === '/metrics'
            ? {
                description: 'Prometheus text format 0.0.4.',
                content: { 'text/plain': { schema: { type: 'string' } } },
              }
            : {
                description: 'OK',
                content: content(
                  route.response ? { $ref: `#/components/schemas/${route.response}` } : { type: 'object' },
                ),
              },
        ...(route.request
          ? {
              '400': {
                description: 'The request is malformed or does not fit the model.',
                content: content(error),
              },
            }
          : {}),
        ...(route.public
          ? {}
          : { '401': { description: 'The API key is missing or wrong.', content: content(error) } }),
        ...(parameters.length > 0
          ? { '404': { description: 'No such model or version.', content: content(error) } }
          : {}),
        ...(route.request
          ? { '413': { description: 'The body is larger than MAX_BODY_BYTES.', content: content(error) } }
          : {}),
        ...(route.inference
          ? { '500': { description: 'ONNX Runtime failed to run the model.', content: content(error) } }
          : {}),
        '503': {
          description: 'The model is loading, the server is shutting down, or the request timed out.',
          content: content(error),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${SERVER_NAME}: ${config.modelName} version ${config.modelVersion}`,
      version: SERVER_VERSION,
      description: 'One ONNX model over HTTP: a simple /predict and the Open Inference Protocol v2 REST API.',
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Needed only when the server has MLW_API_KEY or MLW_API_KEY_FILE.',
        },
      },
    },
    security: config.apiKey === undefined ? [] : [{ bearer: [] }],
  };
}
