import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import {
  defaultImage,
  emptyExportForm,
  exportFailureOf,
  exportPath,
  exportRequestOf,
  sampleRequestOf,
  type ExportForm,
} from './exportForm.js';

const form = (change: Partial<ExportForm> = {}): ExportForm => ({
  ...emptyExportForm('{"inputs": {"x": {"shape": [1], "data": [0.1]}}}'),
  ...change,
});

describe('exportRequestOf', () => {
  it('sends only what was set; a blank image is the last push', () => {
    expect(exportRequestOf('kubernetes', 'b1', form(), true)).toEqual({
      request: { kind: 'kubernetes', input: { buildId: 'b1' } },
    });
    expect(
      exportRequestOf('kserve', 'b1', form({ image: ' ghcr.io/acme/churn:1 ', replicas: 2, cpu: '1' }), true)
        .request,
    ).toEqual({
      kind: 'kserve',
      input: {
        buildId: 'b1',
        image: 'ghcr.io/acme/churn:1',
        replicas: 2,
        resources: { cpu: '1', memory: '512Mi' },
      },
    });
  });

  it('leaves the replica count to an autoscaler', () => {
    const request = exportRequestOf('kubernetes', 'b1', form({ replicas: 3, autoscale: true }), true).request;
    expect(request?.input).toEqual({ buildId: 'b1', autoscale: { min: 1, max: 5, cpuPercent: 70 } });
  });

  it("checks the settings with the contract's schema and names the field", () => {
    const { errors } = exportRequestOf(
      'kubernetes',
      'b1',
      form({ cpu: 'lots', autoscale: true, autoscaleMin: 6, apiKeySecretName: 'Not_A_Name' }),
      true,
    );
    expect(errors).toEqual({
      cpu: 'Must be a Kubernetes quantity such as 500m, 2, 512Mi or 1Gi',
      autoscaleMin: 'Must not be above autoscale.max',
      apiKeySecretName: 'Must be a Kubernetes name: lowercase letters, digits, - and .',
    });
  });

  it('needs an image where there is no push to fall back to', () => {
    expect(exportRequestOf('kserve', 'b1', form(), false).errors?.image).toMatch(/^Not pushed yet/);
  });

  it('reads the workflow sample as JSON, and refuses a bad secret name', () => {
    // The cluster's settings are not the workflow's.
    expect(exportRequestOf('workflow', 'b1', form({ replicas: 2.5, cpu: 'lots' }), true).request).toEqual({
      kind: 'workflow',
      input: {
        buildId: 'b1',
        sampleRequest: { inputs: { x: { shape: [1], data: [0.1] } } },
        registryUsernameSecret: 'REGISTRY_USERNAME',
        registryPasswordSecret: 'REGISTRY_PASSWORD',
      },
    });
    const { errors } = exportRequestOf(
      'workflow',
      'b1',
      form({ sampleRequest: '{', registryPasswordSecret: 'GITHUB_TOKEN' }),
      true,
    );
    expect(errors?.sampleRequest).toMatch(/^Not JSON/);
    expect(errors?.registryPasswordSecret).toMatch(/cannot start with GITHUB_/);
  });
});

describe('exportFailureOf', () => {
  it("puts an exporter's refusal next to the setting it names", () => {
    const refused = new WorkbenchError({
      code: 'INVALID_INPUT',
      message:
        'The serving settings are not valid: replicas: a KServe RawDeployment runs at least one replica.',
      details: { path: 'replicas' },
    });
    expect(exportFailureOf(refused)).toEqual({
      fields: { replicas: 'a KServe RawDeployment runs at least one replica' },
    });
  });

  it("puts the contract's issues by their path", () => {
    const invalid = new WorkbenchError({
      code: 'INVALID_INPUT',
      message: 'Invalid input',
      details: {
        issues: [{ path: ['resources', 'memory'], message: 'resources.memory must not be negative' }],
      },
    });
    expect(exportFailureOf(invalid).fields).toEqual({ memory: 'Must not be negative' });
  });

  it('shows what no field is about as an alert', () => {
    const unpushed = new WorkbenchError({ code: 'INVALID_INPUT', message: 'Build b1 has not been pushed' });
    expect(exportFailureOf(unpushed)).toEqual({ fields: {}, alert: unpushed });
    const generated = new WorkbenchError({
      code: 'INVALID_INPUT',
      message: 'The generated Deployment is not valid',
      details: { path: 'spec.template.spec' },
    });
    expect(exportFailureOf(generated).alert).toBe(generated);
  });
});

describe('helpers', () => {
  it('pins the default image by the last digest', () => {
    expect(defaultImage({ pushes: [] })).toBeUndefined();
    expect(
      defaultImage({ pushes: [{ reference: 'r/a:1', digest: `sha256:${'c'.repeat(64)}`, at: '' }] }),
    ).toBe(`r/a:1@sha256:${'c'.repeat(64)}`);
  });

  it('says where each kind is written', () => {
    expect(exportPath('b1', 'kserve')).toBe('builds/b1/export/kserve.yaml');
    expect(exportPath('b1', 'workflow')).toBe('builds/b1/export/github-workflow.yml');
  });

  it("makes the workflow's sample from the model card's inputs", () => {
    const sample = sampleRequestOf({
      name: 'softmax',
      inputs: [{ name: 'x', elementType: 'FLOAT', shape: ['N', 3] }],
    });
    expect(JSON.parse(sample)).toEqual({ inputs: { x: { shape: [1, 3], data: [0.1, 0.2, 0.3] } } });
  });
});
