import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ServedImage } from '../../../../shared/contract/containers.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { kserveInferenceService, validateInferenceService } from './kserveInferenceService.js';

const settings: ServedImage = {
  image: `ghcr.io/acme/churn:1.2.0@sha256:${'4f'.repeat(32)}`,
  modelName: 'churn',
  modelVersion: '7',
  modelSha256: 'ab'.repeat(32),
  port: 9000,
};

interface Probe {
  httpGet: { path: string; port: number };
}
interface InferenceServiceShape {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    predictor: {
      minReplicas: number;
      maxReplicas: number;
      scaleMetric?: string;
      scaleTarget?: number;
      securityContext: Record<string, unknown>;
      containers: {
        name: string;
        image: string;
        ports: { name: string; containerPort: number; protocol: string }[];
        env: { name: string; value?: string; valueFrom?: unknown }[];
        resources: { requests: Record<string, string>; limits: Record<string, string> };
        readinessProbe: Probe;
        livenessProbe: Probe;
        startupProbe: Probe;
        securityContext: Record<string, unknown>;
      }[];
    };
  };
}

function generated(change: Partial<ServedImage> = {}): InferenceServiceShape {
  return parse(kserveInferenceService({ ...settings, ...change }), {
    version: '1.1',
  }) as InferenceServiceShape;
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

describe('KServe InferenceService', () => {
  it('runs the image as a custom v2 container on the port, probed on /ready and /health', () => {
    const isvc = generated({ resources: { cpu: '1', memory: '2Gi' } });
    expect(isvc.apiVersion).toBe('serving.kserve.io/v1beta1');
    expect(isvc.kind).toBe('InferenceService');
    expect(isvc.metadata.name).toBe('churn');
    expect(isvc.metadata.annotations).toMatchObject({
      'serving.kserve.io/deploymentMode': 'RawDeployment',
      'mlops-workbench.dev/model-sha256': 'ab'.repeat(32),
    });
    expect(isvc.metadata.labels).toMatchObject({
      'mlops-workbench.dev/model': 'churn',
      'mlops-workbench.dev/model-version': '7',
    });

    const { predictor } = isvc.spec;
    expect(predictor.containers).toHaveLength(1);
    const [container] = predictor.containers;
    if (!container) throw new Error('no container');
    expect(container.name).toBe('kserve-container');
    expect(container.image).toBe(settings.image);
    expect(container.ports).toEqual([{ name: 'http1', containerPort: 9000, protocol: 'TCP' }]);
    expect(container.env).toEqual([{ name: 'PROTOCOL', value: 'v2' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 9000 });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 9000 });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 9000 });
    expect(container.resources).toEqual({
      requests: { cpu: '1', memory: '2Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(predictor.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(predictor).toMatchObject({ minReplicas: 1, maxReplicas: 1 });
    expect(predictor.scaleMetric).toBeUndefined();
  });

  it('scales on CPU with the HPA when autoscaling is asked for', () => {
    const isvc = generated({ autoscale: { min: 2, max: 8, cpuPercent: 60 } });
    expect(isvc.spec.predictor).toMatchObject({
      minReplicas: 2,
      maxReplicas: 8,
      scaleMetric: 'cpu',
      scaleTarget: 60,
    });
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('hpa');
    expect(generated({ replicas: 3 }).spec.predictor).toMatchObject({ minReplicas: 3, maxReplicas: 3 });
  });

  it('takes the API key from the named Secret', () => {
    const [container] = generated({ apiKeySecretName: 'churn-key' }).spec.predictor.containers;
    expect(container?.env).toEqual([
      { name: 'PROTOCOL', value: 'v2' },
      { name: 'MLW_API_KEY', valueFrom: { secretKeyRef: { name: 'churn-key', key: 'api-key' } } },
    ]);
  });

  it('keeps the name short enough for what Knative names after it', () => {
    const name = generated({ modelName: 'Customer lifetime value regression, monthly retrain' }).metadata
      .name;
    expect(name.length).toBeLessThanOrEqual(39);
    expect(name).toMatch(/^customer-lifetime-value-regres-[0-9a-f]{8}$/);
  });

  it('refuses zero replicas and bad settings with the field named', () => {
    expect(rejection(() => generated({ replicas: 0 }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { path: 'replicas' },
    });
    expect(rejection(() => generated({ port: 65536 }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { path: 'port' },
    });
  });
});

function firstContainer(
  isvc: InferenceServiceShape,
): InferenceServiceShape['spec']['predictor']['containers'][number] {
  const [container] = isvc.spec.predictor.containers;
  if (!container) throw new Error('no container');
  return container;
}

function firstPort(isvc: InferenceServiceShape): { containerPort: number } {
  const [port] = firstContainer(isvc).ports;
  if (!port) throw new Error('no port');
  return port;
}

describe('InferenceService schema', () => {
  const valid = (): InferenceServiceShape =>
    parse(
      kserveInferenceService({ ...settings, autoscale: { min: 1, max: 3, cpuPercent: 70 } }),
    ) as InferenceServiceShape;

  it('accepts what the exporter writes', () => {
    expect(() => validateInferenceService(valid())).not.toThrow();
  });

  it.each<[string, (isvc: InferenceServiceShape) => unknown, string, string]>([
    [
      'a port out of range',
      (isvc) => Object.assign(firstPort(isvc), { containerPort: 70000 }),
      'spec.predictor.containers[0].ports[0].containerPort',
      'must be <= 65535',
    ],
    [
      'an unknown protocol',
      (isvc) => Object.assign(firstContainer(isvc).env[0] ?? {}, { value: 'v3' }),
      'spec.predictor.containers[0].env[0].value',
      'must be equal to one of the allowed values',
    ],
    [
      'a CPU target over 100 %',
      (isvc) => (isvc.spec.predictor.scaleTarget = 150),
      'spec.predictor.scaleTarget',
      'must be <= 100',
    ],
    [
      'negative replicas',
      (isvc) => (isvc.spec.predictor.minReplicas = -1),
      'spec.predictor.minReplicas',
      'must be >= 0',
    ],
    [
      'a misspelt field',
      (isvc) => Object.assign(firstContainer(isvc), { imagePullPolicyy: 'Always' }),
      'spec.predictor.containers[0]',
      'must NOT have additional properties',
    ],
    ['an upper-case name', (isvc) => (isvc.metadata.name = 'Churn'), 'metadata.name', 'must match pattern'],
    [
      'a bad quantity',
      (isvc) => (firstContainer(isvc).resources.limits.memory = '1GB'),
      'spec.predictor.containers[0].resources.limits.memory',
      'must match pattern',
    ],
    [
      'a second container',
      (isvc) => isvc.spec.predictor.containers.push(firstContainer(isvc)),
      'spec.predictor.containers',
      'must NOT have more than 1 items',
    ],
  ])('rejects %s', (_what, spoil, path, message) => {
    const isvc = valid();
    spoil(isvc);
    const error = rejection(() => validateInferenceService(isvc));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.path).toBe(path);
    expect(error.message).toMatch(/^The generated InferenceService "(churn|Churn)" is not valid: /);
    expect(error.message).toContain(`${path} ${message}`);
  });
});
