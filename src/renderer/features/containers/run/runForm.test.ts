import { describe, expect, it } from 'vitest';
import { runRequestSchema } from '../../../../shared/contract/containerDeployments.js';
import { emptyRunForm, runRequestOf } from './runForm.js';

describe('runRequestOf', () => {
  it('sends only the build for an untouched form: name, port and limits are the service’s defaults', () => {
    expect(runRequestOf('churn-v3', emptyRunForm)).toEqual({ request: { build: 'churn-v3' } });
  });

  it('carries every field the contract takes, and the contract accepts it', () => {
    const { request } = runRequestOf('churn-v3', {
      name: ' churn-canary ',
      port: 9000,
      memoryMb: '512',
      cpus: 1.5,
      env: [
        { key: 'LOG_LEVEL', value: 'debug' },
        { key: '', value: '' },
        { key: 'EMPTY', value: '' },
      ],
      capture: true,
      samplePercent: 25,
      auth: true,
    });
    expect(request).toEqual({
      build: 'churn-v3',
      name: 'churn-canary',
      port: 9000,
      memoryMb: 512,
      cpus: 1.5,
      env: { LOG_LEVEL: 'debug', EMPTY: '' },
      capture: { sampleRate: 0.25 },
      auth: true,
    });
    expect(runRequestSchema.safeParse(request).success).toBe(true);
  });

  it('names each field that is wrong', () => {
    const { errors } = runRequestOf('b', {
      ...emptyRunForm,
      name: 'Churn Canary',
      port: 70000,
      memoryMb: 8,
      cpus: 0,
      env: [
        { key: '1BAD', value: 'x' },
        { key: 'A', value: '1' },
        { key: 'A', value: '2' },
      ],
      capture: true,
      samplePercent: 150,
    });
    expect(errors?.name).toMatch(/lower-case/);
    expect(errors?.env?.[0]).toMatch(/Letters/);
    expect({ ...errors, name: undefined, env: { ...errors?.env, 0: undefined } }).toEqual({
      name: undefined,
      port: 'From 1 to 65535',
      memoryMb: 'From 16 to 1048576',
      cpus: 'From 0.01 to 1024',
      env: { 0: undefined, 2: 'A is set twice' },
      samplePercent: 'From 0 to 100',
    });
  });

  it('refuses a fractional port or memory', () => {
    expect(runRequestOf('b', { ...emptyRunForm, port: 80.5, memoryMb: 100.5 }).errors).toEqual({
      port: 'A whole number',
      memoryMb: 'A whole number',
    });
  });
});
