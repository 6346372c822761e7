import { Ajv, type ValidateFunction } from 'ajv';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { invalidGenerated, pointerPath } from './exportErrors.js';
import { inferenceServiceSchema } from './kserveSchema.js';
import {
  apiKeyEnv,
  containerSecurityContext,
  podSecurityContext,
  TMP_MOUNT,
  TMP_VOLUME,
  toYaml,
} from './kubernetesManifests.js';
import { HEALTH_PATH, planServedImage, READY_PATH } from './servedImage.js';

/**
 * KServe names what it creates after the InferenceService: in Knative mode the longest is the
 * revision's private Service, `<name>-predictor-00001-private`, which must stay within 63.
 */
const NAME_LENGTH = 63 - '-predictor-00001-private'.length;

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true }).compile(inferenceServiceSchema);
  return compiled;
}

/**
 * A KServe InferenceService whose predictor runs the image as a custom container speaking the Open
 * Inference Protocol v2 (PROTOCOL=v2, which KServe reads from the container's environment). It is
 * a RawDeployment (a Deployment, a Service and an HPA, no Knative), so it runs on a plain cluster and
 * scales on CPU like the plain manifests do; "RawDeployment" is the name every KServe release
 * accepts (newer ones call it Standard).
 */
export function kserveInferenceService(settings: unknown): string {
  const plan = planServedImage(settings, NAME_LENGTH);
  if (!plan.autoscale && plan.replicas === 0) {
    throw new WorkbenchError({
      code: 'INVALID_INPUT',
      message:
        'The serving settings are not valid: replicas: a KServe RawDeployment runs at least one replica.',
      hint: 'Set replicas to 1 or more, or delete the InferenceService to stop serving.',
      details: { path: 'replicas' },
    });
  }
  const replicas = plan.replicas ?? 1;
  const object = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: plan.name,
      labels: plan.labels,
      annotations: {
        ...plan.annotations,
        'serving.kserve.io/deploymentMode': 'RawDeployment',
        ...(plan.autoscale ? { 'serving.kserve.io/autoscalerClass': 'hpa' } : {}),
      },
    },
    spec: {
      predictor: {
        minReplicas: plan.autoscale?.min ?? replicas,
        maxReplicas: plan.autoscale?.max ?? replicas,
        ...(plan.autoscale ? { scaleMetric: 'cpu', scaleTarget: plan.autoscale.cpuPercent } : {}),
        automountServiceAccountToken: false,
        securityContext: podSecurityContext(plan),
        containers: [
          {
            name: 'kserve-container',
            image: plan.image,
            imagePullPolicy: 'IfNotPresent',
            ports: [{ name: 'http1', containerPort: plan.port, protocol: 'TCP' }],
            env: [{ name: 'PROTOCOL', value: 'v2' }, ...apiKeyEnv(plan)],
            resources: { requests: { ...plan.resources }, limits: { ...plan.resources } },
            startupProbe: {
              httpGet: { path: HEALTH_PATH, port: plan.port },
              periodSeconds: 2,
              failureThreshold: 60,
            },
            readinessProbe: {
              httpGet: { path: READY_PATH, port: plan.port },
              periodSeconds: 5,
              failureThreshold: 3,
            },
            livenessProbe: {
              httpGet: { path: HEALTH_PATH, port: plan.port },
              periodSeconds: 10,
              failureThreshold: 3,
            },
            securityContext: containerSecurityContext(),
            volumeMounts: [TMP_MOUNT],
          },
        ],
        volumes: [TMP_VOLUME],
      },
    },
  };
  validateInferenceService(object);
  return toYaml(object);
}

export function validateInferenceService(object: unknown): void {
  const validate = validator();
  if (validate(object)) return;
  const name = (object as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  throw invalidGenerated(
    `InferenceService "${typeof name === 'string' ? name : ''}"`,
    (validate.errors ?? []).map((error) => ({
      path: pointerPath(error.instancePath),
      message: error.message ?? 'is not valid',
    })),
  );
}
