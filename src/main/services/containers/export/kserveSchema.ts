import { KUBERNETES_QUANTITY_PATTERN } from '../../../../shared/contract/containers.js';

/**
 * A JSON schema for the part of a KServe `serving.kserve.io/v1beta1` InferenceService that the
 * exporter writes: a custom predictor container. No npm package carries KServe's CRD, so this is
 * written from KServe's own sources (github.com/kserve/kserve at aaac4e2, August 2026):
 * - config/crd/full/serving.kserve.io_inferenceservices.yaml: field names, types and int32 ranges,
 *   the quantity pattern, the scaleMetric enum, `required: [name]` on containers and
 *   `required: [containerPort]` on ports;
 * - pkg/apis/serving/v1beta1/inference_service_validation.go (the admission webhook): the name
 *   pattern `[a-z]([-a-z0-9]*[a-z0-9])?`, and a CPU scaleTarget that is a percentage in 1..100;
 * - pkg/apis/serving/v1beta1/component.go: min and max replicas not below 0;
 * - pkg/apis/serving/v1beta1/predictor_custom.go: the PROTOCOL variable that tells KServe a custom
 *   container speaks v1 or v2, and `kserve-container`, the name it gives the predictor container.
 * It is stricter than the CRD in one way: unknown fields are refused rather than pruned, so a typo in
 * the exporter fails its tests instead of vanishing on `kubectl apply`.
 */

const int32 = { type: 'integer', minimum: -2147483648, maximum: 2147483647 } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const quantity = { type: 'string', pattern: KUBERNETES_QUANTITY_PATTERN } as const;
const port = { type: 'integer', minimum: 1, maximum: 65535 } as const;

const probe = {
  type: 'object',
  additionalProperties: false,
  required: ['httpGet'],
  properties: {
    httpGet: {
      type: 'object',
      additionalProperties: false,
      required: ['path', 'port'],
      properties: { path: { type: 'string', pattern: '^/' }, port },
    },
    initialDelaySeconds: { ...int32, minimum: 0 },
    periodSeconds: { ...int32, minimum: 1 },
    timeoutSeconds: { ...int32, minimum: 1 },
    failureThreshold: { ...int32, minimum: 1 },
  },
} as const;

const envVar = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    value: { type: 'string' },
    valueFrom: {
      type: 'object',
      additionalProperties: false,
      required: ['secretKeyRef'],
      properties: {
        secretKeyRef: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'key'],
          properties: { name: { type: 'string', minLength: 1 }, key: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
  // predictor_custom.go's validateCustomProtocol: PROTOCOL is v1 or v2.
  if: { properties: { name: { const: 'PROTOCOL' } } },
  then: { required: ['value'], properties: { value: { enum: ['v1', 'v2'] } } },
} as const;

const container = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'image'],
  properties: {
    name: { const: 'kserve-container' },
    image: { type: 'string', minLength: 1 },
    imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
    // Knative takes one port, named http1 (HTTP/1) or h2c (gRPC).
    ports: {
      type: 'array',
      maxItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['containerPort'],
        properties: { name: { enum: ['http1', 'h2c'] }, containerPort: port, protocol: { const: 'TCP' } },
      },
    },
    env: { type: 'array', items: envVar },
    resources: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requests: {
          type: 'object',
          additionalProperties: false,
          properties: { cpu: quantity, memory: quantity },
        },
        limits: {
          type: 'object',
          additionalProperties: false,
          properties: { cpu: quantity, memory: quantity },
        },
      },
    },
    readinessProbe: probe,
    livenessProbe: probe,
    startupProbe: probe,
    securityContext: {
      type: 'object',
      additionalProperties: false,
      properties: {
        runAsNonRoot: { type: 'boolean' },
        readOnlyRootFilesystem: { type: 'boolean' },
        allowPrivilegeEscalation: { type: 'boolean' },
        capabilities: {
          type: 'object',
          additionalProperties: false,
          properties: { drop: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
    volumeMounts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'mountPath'],
        properties: { name: { type: 'string' }, mountPath: { type: 'string', pattern: '^/' } },
      },
    },
  },
} as const;

export const inferenceServiceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'serving.kserve.io/v1beta1' },
    kind: { const: 'InferenceService' },
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
        labels: stringMap,
        annotations: stringMap,
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['predictor'],
      properties: {
        predictor: {
          type: 'object',
          additionalProperties: false,
          required: ['containers'],
          properties: {
            minReplicas: { ...int32, minimum: 0 },
            maxReplicas: { ...int32, minimum: 0 },
            scaleMetric: { enum: ['cpu', 'memory', 'concurrency', 'rps'] },
            scaleTarget: int32,
            automountServiceAccountToken: { type: 'boolean' },
            securityContext: {
              type: 'object',
              additionalProperties: false,
              properties: {
                runAsNonRoot: { type: 'boolean' },
                runAsUser: { type: 'integer', minimum: 0 },
                runAsGroup: { type: 'integer', minimum: 0 },
                seccompProfile: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['type'],
                  properties: { type: { enum: ['RuntimeDefault', 'Localhost', 'Unconfined'] } },
                },
              },
            },
            containers: { type: 'array', minItems: 1, maxItems: 1, items: container },
            volumes: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'emptyDir'],
                properties: {
                  name: { type: 'string' },
                  emptyDir: {
                    type: 'object',
                    additionalProperties: false,
                    properties: { sizeLimit: quantity },
                  },
                },
              },
            },
          },
          // The webhook's HPA check: a CPU target is a utilization percentage.
          if: { properties: { scaleMetric: { const: 'cpu' } }, required: ['scaleMetric'] },
          then: { properties: { scaleTarget: { type: 'integer', minimum: 1, maximum: 100 } } },
        },
      },
    },
  },
} as const;
