import { describe, expect, it } from 'vitest';
import { emptyDriftForm } from '../run/driftForm.js';
import {
  emptySimulateForm,
  parseWeights,
  reportFormFor,
  simulateRequestOf,
  type SimulateForm,
} from './simulateForm.js';

const form: SimulateForm = {
  ...emptySimulateForm,
  source: 'loans',
  name: 'loans shifted',
  shifts: [{ kind: 'mean', column: 'income', value: '1.5' }],
};

describe('simulateRequestOf', () => {
  it('makes a request with one shift, at once, seeded', () => {
    expect(simulateRequestOf(form).request).toEqual({
      source: 'loans',
      name: 'loans shifted',
      shifts: [{ kind: 'mean', column: 'income', by: 1.5 }],
      seed: 1,
    });
  });

  it('reads each kind’s value and a gradual shift', () => {
    const { request } = simulateRequestOf({
      ...form,
      shifts: [
        { kind: 'scale', column: 'income', value: '2' },
        { kind: 'categories', column: 'segment', value: 'retail:0.7, online:0.3' },
        { kind: 'missing', column: 'age', value: '0.25' },
      ],
      gradual: true,
      windows: 6,
      every: 'hour',
      seed: 9,
    });
    expect(request?.shifts).toEqual([
      { kind: 'scale', column: 'income', factor: 2 },
      { kind: 'categories', column: 'segment', weights: { retail: 0.7, online: 0.3 } },
      { kind: 'missing', column: 'age', share: 0.25 },
    ]);
    expect(request?.gradual).toEqual({ windows: 6, every: 'hour' });
    expect(request?.seed).toBe(9);
  });

  it('says what is missing or out of range', () => {
    expect(simulateRequestOf({ ...emptySimulateForm, seed: '' }).errors).toEqual({
      source: 'Pick the data set to shift',
      name: 'Name the new data set',
      shifts: 'Pick the column each shift moves',
      seed: 'A whole number of 0 or more',
    });
    const share = { ...form, shifts: [{ kind: 'missing' as const, column: 'age', value: '1.5' }] };
    expect(simulateRequestOf(share).errors?.shifts).toMatch(/^age: .* from 0 to 1/);
    expect(simulateRequestOf({ ...form, gradual: true, windows: 1 }).errors?.windows).toMatch(/2 to 1,000/);
    expect(simulateRequestOf({ ...form, shifts: [] }).errors?.shifts).toBe('Add at least one shift');
  });
});

describe('parseWeights', () => {
  it('splits on the last colon and refuses what is not category:weight', () => {
    expect(parseWeights('a:0.7,b:0.3,')).toEqual({ a: 0.7, b: 0.3 });
    expect(parseWeights('10:00:1')).toEqual({ '10:00': 1 });
    expect(parseWeights('a=0.7')).toMatch(/not category:weight/);
    expect(parseWeights('a:-1')).toMatch(/not category:weight/);
    expect(parseWeights('a:0,b:0')).toMatch(/above 0/);
    expect(parseWeights(' ')).toMatch(/Give the categories/);
  });
});

describe('reportFormFor', () => {
  it('compares the source with its copy, windowed by ts when the shift was gradual', () => {
    const kept = { ...emptyDriftForm, ignore: ['id'], window: 'hour' as const, timeColumn: 'when' };
    const atOnce = reportFormFor(kept, { source: 'loans' }, 'loans-shifted');
    expect(atOnce.baseline.slug).toBe('loans');
    expect(atOnce.current.slug).toBe('loans-shifted');
    expect(atOnce).toMatchObject({ ignore: ['id'], window: 'none', timeColumn: '' });
    const gradual = reportFormFor(kept, { source: 'loans', gradual: { windows: 4, every: 'day' } }, 'x');
    expect(gradual).toMatchObject({ window: 'day', timeColumn: 'ts' });
  });
});
