import { stringify } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { Service } from 'kubernetes-models/v1/Service';
import { validateKubernetesObject } from './kubernetesValidation.js';
import {
  API_KEY_ENV,
  API_KEY_SECRET_KEY,
  HEALTH_PATH,
  planServedImage,
  READY_PATH,
  type ServedImagePlan,
} from './servedImage.js';

const PORT_NAME = 'http';
const SERVICE_PORT = 80;

/**
 * A Deployment, a ClusterIP Service and, when autoscaling is asked for, a HorizontalPodAutoscaler,
 * as one multi-document YAML for `kubectl apply -f`. With an autoscaler the Deployment names no
 * replica count, since every apply would otherwise reset what the autoscaler chose.
 */
export function kubernetesManifests(settings: unknown): string {
  const plan = planServedImage(settings);
  const objects = [
    deployment(plan),
    service(plan),
    ...(plan.autoscale ? [autoscaler(plan, plan.autoscale)] : []),
  ];
  for (const object of objects) validateKubernetesObject(object);
  return objects.map((object) => toYaml(object.toJSON())).join('---\n');
}

/**
 * YAML 1.1 quoting: kubectl reads manifests as YAML 1.1, where an unquoted yes, no, on or off is a
 * boolean, so a model version "on" must be written "on".
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

export function podSecurityContext(plan: ServedImagePlan): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    ...(plan.runAsUser === undefined ? {} : { runAsUser: plan.runAsUser, runAsGroup: plan.runAsUser }),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Pod Security's "restricted" profile, which also lets the pod run in namespaces that enforce it. */
export function containerSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  };
}

export function apiKeyEnv(plan: ServedImagePlan): NonNullable<IContainer['env']> {
  return plan.apiKeySecretName
    ? [
        {
          name: API_KEY_ENV,
          valueFrom: { secretKeyRef: { name: plan.apiKeySecretName, key: API_KEY_SECRET_KEY } },
        },
      ]
    : [];
}

/** A writable /tmp: the root file system is read-only, and runtimes still expect somewhere to write. */
export const TMP_VOLUME = { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } };
export const TMP_MOUNT = { name: 'tmp', mountPath: '/tmp' };

function deployment(plan: ServedImagePlan): Deployment {
  const container: IContainer = {
    name: 'model-server',
    image: plan.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: PORT_NAME, containerPort: plan.port, protocol: 'TCP' }],
    env: [{ name: 'PORT', value: String(plan.port) }, ...apiKeyEnv(plan)],
    resources: { requests: { ...plan.resources }, limits: { ...plan.resources } },
    // Loading a big model can take a while: liveness only starts once the server has answered.
    startupProbe: { httpGet: { path: HEALTH_PATH, port: PORT_NAME }, periodSeconds: 2, failureThreshold: 60 },
    readinessProbe: { httpGet: { path: READY_PATH, port: PORT_NAME }, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: {
      httpGet: { path: HEALTH_PATH, port: PORT_NAME },
      periodSeconds: 10,
      failureThreshold: 3,
    },
    securityContext: containerSecurityContext(),
    volumeMounts: [TMP_MOUNT],
  };
  return new Deployment({
    metadata: { name: plan.name, labels: plan.labels, annotations: plan.annotations },
    spec: {
      ...(plan.autoscale ? {} : { replicas: plan.replicas ?? 1 }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: plan.selector },
      template: {
        metadata: { labels: plan.labels, annotations: plan.annotations },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(plan),
          containers: [container],
          volumes: [TMP_VOLUME],
        },
      },
    },
  });
}

function service(plan: ServedImagePlan): Service {
  return new Service({
    metadata: { name: plan.name, labels: plan.labels, annotations: plan.annotations },
    spec: {
      type: 'ClusterIP',
      selector: plan.selector,
      ports: [{ name: PORT_NAME, port: SERVICE_PORT, targetPort: PORT_NAME, protocol: 'TCP' }],
    },
  });
}

function autoscaler(
  plan: ServedImagePlan,
  autoscale: NonNullable<ServedImagePlan['autoscale']>,
): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: plan.name, labels: plan.labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: plan.name },
      minReplicas: autoscale.min,
      maxReplicas: autoscale.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: autoscale.cpuPercent },
          },
        },
      ],
    },
  });
}
