import { describe, expect, it } from 'vitest';
import type { ValueInfo } from '../../../../shared/contract/models.js';
import { initialLoadTestForm, loadTestProblems, loadTestRequestOf, loadTestRoutes } from './loadTestForm.js';

const inputs: ValueInfo[] = [{ name: 'features', type: 'float32', shape: ['batch', 2] }];

describe('the load test form', () => {
  it('sends a duration or a number of requests, and the data set only when it is the payload', () => {
    const form = initialLoadTestForm();
    expect(loadTestRequestOf('iris', form)).toEqual({
      name: 'iris',
      path: '/predict',
      encoding: 'json',
      connections: 16,
      batch: 1,
      durationS: 10,
    });
    const rows = {
      ...form,
      stopBy: 'requests' as const,
      payload: 'dataset' as const,
      dataset: { ...form.dataset, slug: 'flowers', mapping: { features: ['a', 'b'] }, offset: 4 },
    };
    expect(loadTestRequestOf('iris', rows)).toEqual({
      name: 'iris',
      path: '/predict',
      encoding: 'json',
      connections: 16,
      batch: 1,
      requests: 1000,
      dataset: 'flowers',
      mapping: { features: ['a', 'b'] },
      offset: 4,
    });
    expect(loadTestRequestOf('iris', { ...rows, payload: 'signature' })).not.toHaveProperty('dataset');
  });

  it('sends binary tensors to the v2 infer route only: /predict stays JSON', () => {
    const binary = { ...initialLoadTestForm(), encoding: 'binary' as const };
    expect(loadTestRequestOf('iris', binary).encoding).toBe('json');
    expect(loadTestRequestOf('iris', { ...binary, path: '/v2/models/iris/infer' }).encoding).toBe('binary');
  });

  it('says what to fix: out-of-range numbers, an unchosen data set or mapping', () => {
    const form = { ...initialLoadTestForm(), connections: 0, durationS: 0.5 };
    expect(loadTestProblems(form, inputs)).toEqual({
      connections: 'From 1 to 1,024 connections.',
      durationS: 'From 1 s to an hour.',
    });
    const rows = { ...initialLoadTestForm(), payload: 'dataset' as const };
    expect(loadTestProblems(rows, inputs)).toEqual({ '': 'Choose the data set whose rows feed the model.' });
    const chosen = { ...rows, dataset: { ...rows.dataset, slug: 'flowers' } };
    expect(loadTestProblems(chosen, inputs)).toEqual({
      features: 'Choose the column(s) that fill features.',
    });
  });

  it('offers the routes whose body can be made', () => {
    expect(loadTestRoutes('iris')).toEqual(['/predict', '/v2/models/iris/infer']);
  });
});
