import type { z } from 'zod';
import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import {
  kubernetesExportRequestSchema,
  workflowExportRequestSchema,
} from '../../../../shared/contract/containerShip.js';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import { describeError } from '../../../lib/describeError.js';
import type { ExportKind } from '../../../app/navigation/containerRequest.js';
import { sampleBodies } from '../deployment/sampleRequest.js';

/** The Export dialog's fields, one set for the three kinds; numbers are '' while blank. */
export interface ExportForm {
  image: string;
  replicas: number | string;
  cpu: string;
  memory: string;
  autoscale: boolean;
  autoscaleMin: number | string;
  autoscaleMax: number | string;
  cpuPercent: number | string;
  apiKeySecretName: string;
  buildContext: string;
  sampleRequest: string;
  registryUsernameSecret: string;
  registryPasswordSecret: string;
}
export type ExportField = keyof ExportForm;
export type ExportFormErrors = Partial<Record<ExportField, string>>;

export type KubernetesExportRequest = z.input<typeof kubernetesExportRequestSchema>;
export type WorkflowExportRequest = z.input<typeof workflowExportRequestSchema>;
export type ExportRequest =
  | { kind: 'kubernetes' | 'kserve'; input: KubernetesExportRequest }
  | { kind: 'workflow'; input: WorkflowExportRequest };

/** What a Kubernetes quantity left blank becomes once the other one is given (the CLI's defaults). */
export const DEFAULT_CPU = '500m';
export const DEFAULT_MEMORY = '512Mi';

export const EXPORT_FILES: Record<ExportKind, string> = {
  kubernetes: 'kubernetes.yaml',
  kserve: 'kserve.yaml',
  workflow: 'github-workflow.yml',
};

export function exportPath(buildId: string, kind: ExportKind): string {
  return `builds/${buildId}/export/${EXPORT_FILES[kind]}`;
}

export function emptyExportForm(sampleRequest: string): ExportForm {
  return {
    image: '',
    replicas: '',
    cpu: '',
    memory: '',
    autoscale: false,
    autoscaleMin: 1,
    autoscaleMax: 5,
    cpuPercent: 70,
    apiKeySecretName: '',
    buildContext: '',
    sampleRequest,
    registryUsernameSecret: 'REGISTRY_USERNAME',
    registryPasswordSecret: 'REGISTRY_PASSWORD',
  };
}

/** The image a cluster pulls when the field is blank: the build's last push, pinned by its digest. */
export function defaultImage(record: Pick<BuildRecord, 'pushes'>): string | undefined {
  const last = record.pushes.at(-1);
  if (!last) return undefined;
  return last.digest ? `${last.reference}@${last.digest}` : last.reference;
}

/**
 * A /predict body for the workflow's check, one row made from the model card's inputs, as the Try
 * tab makes one from the server's /metadata.
 */
export function sampleRequestOf(card: Pick<ModelCard, 'name' | 'inputs'>): string {
  const bodies = sampleBodies({
    name: card.name,
    inputs: card.inputs.map((input) => ({
      name: input.name,
      type: (input.elementType ?? 'float').toLowerCase(),
      shape: input.shape ?? [],
    })),
  });
  return bodies.predict;
}

const FIELDS: Record<string, ExportField> = {
  image: 'image',
  replicas: 'replicas',
  resources: 'cpu',
  'resources.cpu': 'cpu',
  'resources.memory': 'memory',
  autoscale: 'autoscaleMin',
  'autoscale.min': 'autoscaleMin',
  'autoscale.max': 'autoscaleMax',
  'autoscale.cpuPercent': 'cpuPercent',
  apiKeySecretName: 'apiKeySecretName',
  buildContext: 'buildContext',
  sampleRequest: 'sampleRequest',
  registryUsernameSecret: 'registryUsernameSecret',
  registryPasswordSecret: 'registryPasswordSecret',
};

/** The form field a contract or exporter path (`resources.cpu`, ['autoscale', 'min']) is about. */
export function fieldOfPath(path: string | readonly PropertyKey[]): ExportField | undefined {
  const key = typeof path === 'string' ? path : path.map(String).join('.');
  return FIELDS[key];
}

/** Issue messages name the field in the contract's words ("resources.cpu must be …"): the form shows them by it. */
function withoutFieldName(message: string): string {
  const rest = message.replace(
    /^(resources\.(cpu|memory)|autoscale\.\w+|apiKeySecretName|buildContext) /,
    '',
  );
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function wholeNumber(value: number | string, what: string, errors: ExportFormErrors, field: ExportField) {
  if (value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) {
    errors[field] = `${what} is a whole number`;
    return undefined;
  }
  return number;
}

/**
 * The export request the form stands for, checked by the contract's own schema, or what is wrong
 * with it, field by field. `pushed` says whether a blank image has a push to fall back to.
 */
export function exportRequestOf(
  kind: ExportKind,
  buildId: string,
  form: ExportForm,
  pushed: boolean,
): { request: ExportRequest; errors?: undefined } | { request?: undefined; errors: ExportFormErrors } {
  const errors: ExportFormErrors = {};
  const image = form.image.trim();
  if (image === '' && !pushed)
    errors.image = 'Not pushed yet: push the image first, or name the image the cluster pulls';
  const cpu = form.cpu.trim();
  const memory = form.memory.trim();
  // The workflow builds and pushes: the cluster's settings are not its own, nor their errors.
  const checked: ExportFormErrors = kind === 'workflow' ? {} : errors;
  const replicas = wholeNumber(form.replicas, 'Replicas', checked, 'replicas');
  const min = wholeNumber(form.autoscaleMin, 'The least', checked, 'autoscaleMin');
  const max = wholeNumber(form.autoscaleMax, 'The most', checked, 'autoscaleMax');
  const cpuPercent = wholeNumber(form.cpuPercent, 'The CPU target', checked, 'cpuPercent');
  if (form.autoscale && kind !== 'workflow') {
    if (min === undefined) errors.autoscaleMin ??= 'Required';
    if (max === undefined) errors.autoscaleMax ??= 'Required';
    if (cpuPercent === undefined) errors.cpuPercent ??= 'Required';
  }
  const target = { buildId, ...(image ? { image } : {}) };
  const served = {
    ...target,
    ...(form.apiKeySecretName.trim() ? { apiKeySecretName: form.apiKeySecretName.trim() } : {}),
    ...(cpu || memory ? { resources: { cpu: cpu || DEFAULT_CPU, memory: memory || DEFAULT_MEMORY } } : {}),
    // With an autoscaler the replica count is its to choose.
    ...(replicas !== undefined && !form.autoscale ? { replicas } : {}),
    ...(form.autoscale && min !== undefined && max !== undefined && cpuPercent !== undefined
      ? { autoscale: { min, max, cpuPercent } }
      : {}),
  };

  let request: ExportRequest | undefined;
  let issues: z.core.$ZodIssue[] = [];
  if (kind === 'workflow') {
    let sample: unknown;
    try {
      sample = JSON.parse(form.sampleRequest);
    } catch (error) {
      errors.sampleRequest = `Not JSON: ${(error as Error).message}`;
    }
    const input = {
      ...target,
      sampleRequest: sample as WorkflowExportRequest['sampleRequest'],
      ...(form.buildContext.trim() ? { buildContext: form.buildContext.trim() } : {}),
      registryUsernameSecret: form.registryUsernameSecret.trim(),
      registryPasswordSecret: form.registryPasswordSecret.trim(),
    };
    const parsed = workflowExportRequestSchema.safeParse(input);
    if (parsed.success) request = { kind, input };
    else issues = parsed.error.issues;
  } else {
    const parsed = kubernetesExportRequestSchema.safeParse(served);
    if (parsed.success) request = { kind, input: served };
    else issues = parsed.error.issues;
  }
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    // A field the form cannot point at is the form's bug; say it on the image, which every kind has.
    errors[field ?? 'image'] ??= withoutFieldName(issue.message);
  }
  if (Object.keys(errors).length > 0 || !request) return { errors };
  return { request };
}

/**
 * An export the backend refused, split into what belongs next to a field (a setting named by its
 * path) and what does not (a missing push, a bug), which the dialog shows as an alert.
 */
export function exportFailureOf(error: unknown): { fields: ExportFormErrors; alert?: unknown } {
  const { code, details } = describeError(error);
  if (code !== 'INVALID_INPUT') return { fields: {}, alert: error };
  const fields: ExportFormErrors = {};
  const issues = Array.isArray(details?.issues)
    ? (details.issues as { path?: unknown; message?: unknown }[])
    : [];
  for (const issue of issues) {
    const field = Array.isArray(issue.path) ? fieldOfPath(issue.path.map(String)) : undefined;
    if (field && typeof issue.message === 'string') fields[field] ??= withoutFieldName(issue.message);
  }
  const path = typeof details?.path === 'string' ? details.path : undefined;
  const field = path === undefined ? undefined : fieldOfPath(path);
  if (field && !fields[field]) fields[field] = exporterMessage(error, path ?? '');
  return Object.keys(fields).length > 0 ? { fields } : { fields, alert: error };
}

/** "The serving settings are not valid: replicas: a KServe …" without what the field already says. */
function exporterMessage(error: unknown, path: string): string {
  const { message } = describeError(error);
  const after = message.split(`${path}: `);
  return (after.length > 1 ? after.slice(1).join(`${path}: `) : message).replace(/\.$/, '');
}
