import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ServedImage } from '../../../../shared/contract/containers.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { kubernetesManifests } from './kubernetesManifests.js';
import { validateKubernetesObject } from './kubernetesValidation.js';

const SHA = 'c0ffee'.repeat(10) + 'c0de';

const settings: ServedImage = {
  image: 'ghcr.io/acme/churn:1.2.0',
  modelName: 'Churn Classifier',
  modelVersion: '3',
  modelSha256: SHA,
  port: 8080,
};

/** The documents as kubectl reads them: YAML 1.1, where an unquoted `on` would be a boolean. */
function documents(yaml: string): Record<string, unknown>[] {
  return parseAllDocuments(yaml, { version: '1.1' }).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as Record<string, unknown>;
  });
}

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface DeploymentShape {
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        securityContext: Record<string, unknown>;
        containers: {
          image: string;
          ports: { name: string; containerPort: number }[];
          env: { name: string; value?: string; valueFrom?: unknown }[];
          resources: unknown;
          readinessProbe: Probe;
          livenessProbe: Probe;
          startupProbe: Probe;
          securityContext: Record<string, unknown>;
          volumeMounts: { name: string; mountPath: string }[];
        }[];
        volumes: { name: string; emptyDir?: unknown }[];
      };
    };
  };
}

function deploymentOf(yaml: string): DeploymentShape {
  const found = documents(yaml).find((document) => document.kind === 'Deployment');
  expect(found).toBeDefined();
  return found as unknown as DeploymentShape;
}

/** The number a probe's named port stands for in the container. */
function probePort(
  container: DeploymentShape['spec']['template']['spec']['containers'][number],
  probe: Probe,
): number {
  const { port } = probe.httpGet;
  return typeof port === 'number'
    ? port
    : (container.ports.find((each) => each.name === port)?.containerPort ?? -1);
}

function rejection(run: () => unknown): WorkbenchError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError');
}

describe('Kubernetes manifests', () => {
  it('makes a Deployment, a ClusterIP Service and an autoscaler that fit together', () => {
    const yaml = kubernetesManifests({
      ...settings,
      resources: { cpu: '2', memory: '1Gi' },
      autoscale: { min: 2, max: 6, cpuPercent: 65 },
    });
    const [deployment, service, hpa] = documents(yaml) as [
      DeploymentShape & { apiVersion: string; kind: string },
      Record<string, never>,
      Record<string, never>,
    ];
    expect([deployment.kind, service.kind, hpa.kind]).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
    ]);
    expect(deployment.apiVersion).toBe('apps/v1');

    const name = 'churn-classifier';
    expect(deployment.metadata.name).toBe(name);
    expect(deployment.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/version': '3',
      'mlops-workbench.dev/model': 'Churn-Classifier',
      'mlops-workbench.dev/model-version': '3',
    });
    expect(deployment.metadata.annotations).toMatchObject({
      'mlops-workbench.dev/model': 'Churn Classifier',
      'mlops-workbench.dev/model-sha256': SHA,
    });
    // The autoscaler owns the replica count.
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);

    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    if (!container) throw new Error('no container');
    expect(container.image).toBe('ghcr.io/acme/churn:1.2.0');
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.startupProbe.httpGet.path).toBe('/health');
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(probePort(container, probe)).toBe(8080);
    }
    expect(container.resources).toEqual({
      requests: { cpu: '2', memory: '1Gi' },
      limits: { cpu: '2', memory: '1Gi' },
    });
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    // A read-only root still gets a writable /tmp.
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes.map((volume) => volume.name)).toEqual(['tmp']);

    expect(service).toMatchObject({
      apiVersion: 'v1',
      metadata: { name },
      spec: {
        type: 'ClusterIP',
        selector: deployment.spec.selector.matchLabels,
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    });
    expect(hpa).toMatchObject({
      apiVersion: 'autoscaling/v2',
      metadata: { name },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } },
          },
        ],
      },
    });
  });

  it('keeps a fixed replica count and makes no autoscaler when none is asked for', () => {
    const kinds = documents(kubernetesManifests({ ...settings, replicas: 3 })).map(
      (document) => document.kind,
    );
    expect(kinds).toEqual(['Deployment', 'Service']);
    expect(deploymentOf(kubernetesManifests({ ...settings, replicas: 3 })).spec.replicas).toBe(3);
    expect(deploymentOf(kubernetesManifests(settings)).spec.replicas).toBe(1);
    expect(deploymentOf(kubernetesManifests({ ...settings, replicas: 0 })).spec.replicas).toBe(0);
  });

  it('reads the API key from the named Secret and never carries one itself', () => {
    const [withKey] = deploymentOf(kubernetesManifests({ ...settings, apiKeySecretName: 'churn-api-key' }))
      .spec.template.spec.containers;
    expect(withKey?.env).toContainEqual({
      name: 'MLW_API_KEY',
      valueFrom: { secretKeyRef: { name: 'churn-api-key', key: 'api-key' } },
    });
    const [withoutKey] = deploymentOf(kubernetesManifests(settings)).spec.template.spec.containers;
    expect(withoutKey?.env.map((variable) => variable.name)).toEqual(['PORT']);
  });

  it('runs as a numeric user when one is given', () => {
    const pod = deploymentOf(kubernetesManifests({ ...settings, runAsUser: 10001 })).spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 });
  });

  it('names everything after the model, DNS-safe, and keeps odd values strings', () => {
    const yaml = kubernetesManifests({
      ...settings,
      modelName: `${'Customer Churn (gradient boosted) '.repeat(3)}final`,
      modelVersion: 'on',
      image: `registry.example.com:5000/ml/churn@sha256:${'e3'.repeat(32)}`,
    });
    const all = documents(yaml) as { metadata: { name: string; labels: Record<string, string> } }[];
    const names = new Set(all.map((document) => document.metadata.name));
    expect(names.size).toBe(1);
    const [name] = [...names];
    expect(name).toMatch(/^customer-churn-gradient-boosted-customer-churn-gradien-[0-9a-f]{8}$/);
    expect(all[0]?.metadata.labels['app.kubernetes.io/version']).toBe('on');
    expect(deploymentOf(yaml).spec.template.spec.containers[0]?.image).toBe(
      `registry.example.com:5000/ml/churn@sha256:${'e3'.repeat(32)}`,
    );
  });

  it.each([
    [{ port: 0 }, 'port'],
    [{ port: 70000 }, 'port'],
    [{ port: 80.5 }, 'port'],
    [{ replicas: -1 }, 'replicas'],
    [{ image: 'ghcr.io/acme/churn' }, 'image'],
    [{ image: 'Not An Image' }, 'image'],
    [{ modelSha256: 'abc' }, 'modelSha256'],
    [{ resources: { cpu: 'lots', memory: '1Gi' } }, 'resources.cpu'],
    [{ resources: { cpu: '1', memory: '-1Gi' } }, 'resources.memory'],
    [{ autoscale: { min: 5, max: 2, cpuPercent: 70 } }, 'autoscale.min'],
    [{ autoscale: { min: 1, max: 2, cpuPercent: 0 } }, 'autoscale.cpuPercent'],
    [{ apiKeySecretName: 'Churn Key' }, 'apiKeySecretName'],
  ])('refuses %j, naming %s', (change, path) => {
    const error = rejection(() => kubernetesManifests({ ...settings, ...change }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.path).toBe(path);
    expect(error.message).toContain(`${path}:`);
  });
});

describe('Kubernetes schema validation', () => {
  const container = { name: 'server', image: 'churn:1', ports: [{ containerPort: 8080 }] };
  const deployment = (spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}): Deployment =>
    new Deployment({
      metadata: { name: 'churn' },
      spec: {
        selector: { matchLabels: { app: 'churn' } },
        template: { metadata: { labels: { app: 'churn' } }, spec: { containers: [container], ...podSpec } },
        ...spec,
      },
    });

  it('accepts a well-formed object', () => {
    expect(() => validateKubernetesObject(deployment({ replicas: 2 }))).not.toThrow();
  });

  it.each([
    [{ replicas: 1.5 }, {}, 'spec.replicas', 'must be integer'],
    [{ replicas: '3' }, {}, 'spec.replicas', 'must be integer'],
    [
      {},
      { containers: [{ ...container, ports: [{ containerPort: 2 ** 40 }] }] },
      'spec.template.spec.containers[0].ports[0].containerPort',
      'must match format "int32"',
    ],
    [
      {},
      { containers: [{ ...container, resources: { limits: { cpu: 'lots' } } }] },
      'spec.template.spec.containers[0].resources.limits.cpu',
      'must be number',
    ],
    [
      {},
      { containers: [{ ...container, readinessProbe: { httpGet: { path: '/ready' } } }] },
      'spec.template.spec.containers[0].readinessProbe.httpGet',
      'must have required property port',
    ],
  ])('rejects spec %j / pod %j at %s', (spec, podSpec, path, message) => {
    const error = rejection(() => validateKubernetesObject(deployment(spec, podSpec)));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.path).toBe(path);
    expect(error.message).toBe(`The generated Deployment "churn" is not valid: ${path} ${message}.`);
  });

  it('leaves ranges to the settings schema: the OpenAPI schema takes a negative count and port 70000', () => {
    // Kubernetes checks these in the API server, not in its OpenAPI schema; if kubernetes-models
    // ever starts refusing them, the settings checks above become a second line rather than the only one.
    expect(() =>
      validateKubernetesObject(
        deployment({ replicas: -1 }, { containers: [{ ...container, ports: [{ containerPort: 70000 }] }] }),
      ),
    ).not.toThrow();
  });
});
