import { deploymentNameSchema, type RunRequest } from '../../../../shared/contract/containerDeployments.js';

export interface EnvRow {
  key: string;
  value: string;
}

/** The Run dialog's fields as typed; numbers are '' while blank (Mantine's NumberInput does the same). */
export interface RunForm {
  name: string;
  port: number | string;
  memoryMb: number | string;
  cpus: number | string;
  env: EnvRow[];
  capture: boolean;
  /** Percent of requests, 0..100. */
  samplePercent: number | string;
  auth: boolean;
}

export const emptyRunForm: RunForm = {
  name: '',
  port: '',
  memoryMb: '',
  cpus: '',
  env: [{ key: '', value: '' }],
  capture: false,
  samplePercent: 100,
  auth: false,
};

export type RunFormErrors = Partial<
  Record<'name' | 'port' | 'memoryMb' | 'cpus' | 'samplePercent', string>
> & {
  /** By row index. */
  env?: Record<number, string>;
};

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function numberField(
  value: number | string,
  { min, max, integer }: { min: number; max: number; integer: boolean },
): { value?: number; error?: string } {
  if (value === '' || value === undefined) return {};
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return { error: 'A number' };
  if (integer && !Number.isInteger(number)) return { error: 'A whole number' };
  if (number < min || number > max) return { error: `From ${min} to ${max}` };
  return { value: number };
}

/** The `containers.run` request the form stands for, or what is wrong with it, field by field. */
export function runRequestOf(
  build: string,
  form: RunForm,
): { request: RunRequest; errors?: undefined } | { request?: undefined; errors: RunFormErrors } {
  const errors: RunFormErrors = {};
  const request: RunRequest = { build };

  const name = form.name.trim();
  if (name !== '') {
    const parsed = deploymentNameSchema.safeParse(name);
    if (parsed.success) request.name = name;
    else errors.name = parsed.error.issues[0]?.message ?? 'Not a deployment name';
  }
  const port = numberField(form.port, { min: 1, max: 65535, integer: true });
  if (port.error) errors.port = port.error;
  else if (port.value !== undefined) request.port = port.value;
  const memory = numberField(form.memoryMb, { min: 16, max: 1_048_576, integer: true });
  if (memory.error) errors.memoryMb = memory.error;
  else if (memory.value !== undefined) request.memoryMb = memory.value;
  const cpus = numberField(form.cpus, { min: 0.01, max: 1024, integer: false });
  if (cpus.error) errors.cpus = cpus.error;
  else if (cpus.value !== undefined) request.cpus = cpus.value;

  const env: Record<string, string> = {};
  const envErrors: Record<number, string> = {};
  form.env.forEach((row, i) => {
    const key = row.key.trim();
    if (key === '' && row.value === '') return;
    if (!ENV_NAME.test(key)) envErrors[i] = 'Letters, digits and _, not starting with a digit';
    else if (key in env) envErrors[i] = `${key} is set twice`;
    else env[key] = row.value;
  });
  if (Object.keys(envErrors).length > 0) errors.env = envErrors;
  else if (Object.keys(env).length > 0) request.env = env;

  if (form.capture) {
    const rate = numberField(form.samplePercent === '' ? 100 : form.samplePercent, {
      min: 0,
      max: 100,
      integer: false,
    });
    if (rate.error) errors.samplePercent = rate.error;
    else request.capture = { sampleRate: (rate.value ?? 100) / 100 };
  }
  if (form.auth) request.auth = true;

  return Object.keys(errors).length > 0 ? { errors } : { request };
}
