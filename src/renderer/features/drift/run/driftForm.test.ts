import { describe, expect, it } from 'vitest';
import { driftRequestOf, emptyDriftForm, emptySide, localToIso, type DriftForm } from './driftForm.js';

const datasets: DriftForm = {
  ...emptyDriftForm,
  baseline: { ...emptySide(), slug: 'train' },
  current: { ...emptySide(), slug: 'today' },
};

describe('driftRequestOf', () => {
  it('makes a request with the defaults from two data sets', () => {
    const { request } = driftRequestOf(datasets);
    expect(request?.baseline).toEqual({ kind: 'dataset', slug: 'train' });
    expect(request?.current).toEqual({ kind: 'dataset', slug: 'today' });
    expect(request?.settings).toMatchObject({ datasetShare: 0.5, ignore: [], mapping: {}, kinds: {} });
    expect(request?.settings.window).toBeUndefined();
    expect(request?.constraints).toBeUndefined();
    expect(driftRequestOf({ ...datasets, checkConstraints: true }).request?.constraints).toBe(true);
  });

  it('says which side is missing what', () => {
    const { errors } = driftRequestOf({
      ...emptyDriftForm,
      baseline: { ...emptySide('file'), path: '  ' },
      current: emptySide('captures'),
    });
    expect(errors).toEqual({
      baseline: 'Type the path of the baseline file',
      current: 'Pick the deployment whose captures are the current',
    });
  });

  it('reads a capture window in local time and refuses one that ends before it starts', () => {
    const captures = { ...emptySide('captures'), deployment: 'iris', from: '2026-01-02T10:00' };
    const { request } = driftRequestOf({ ...datasets, current: captures, window: 'hour' });
    expect(request?.current).toEqual({
      kind: 'captures',
      deployment: 'iris',
      from: localToIso('2026-01-02T10:00'),
    });
    expect(request?.settings.window).toBe('hour');
    const backwards = driftRequestOf({ ...datasets, current: { ...captures, to: '2026-01-01T10:00' } });
    expect(backwards.errors?.current).toMatch(/end must come after its start/);
  });

  it('asks for a time column before windowing a data set', () => {
    expect(driftRequestOf({ ...datasets, window: 'day' }).errors?.window).toMatch(/time column/);
    expect(driftRequestOf({ ...datasets, window: 'day', timeColumn: 'ts' }).request?.settings).toMatchObject({
      window: 'day',
      timeColumn: 'ts',
    });
  });

  it('carries overrides (a threshold alone keeps the default test): per column, per kind, kinds, mapping, ignored columns and the share', () => {
    const { request } = driftRequestOf({
      ...datasets,
      ignore: ['id'],
      mapping: [
        { from: 'age', to: 'age_years' },
        { from: '', to: '' },
      ],
      kinds: [{ column: 'zip', kind: 'categorical' }],
      columnTests: [
        { column: 'age', test: 'psi', threshold: 0.2 },
        { column: 'income', test: 'ks', threshold: '' },
        { column: 'city', test: null, threshold: 0.3 },
        { column: 'zip', test: null, threshold: '' },
      ],
      kindTests: { categorical: { test: 'tvd', threshold: '' } },
      datasetSharePercent: 30,
    });
    expect(request?.settings).toMatchObject({
      ignore: ['id'],
      mapping: { age: 'age_years' },
      kinds: { zip: 'categorical' },
      tests: {
        byColumn: {
          age: { test: 'psi', threshold: 0.2 },
          income: { test: 'ks' },
          city: { threshold: 0.3 },
        },
        byKind: { categorical: { test: 'tvd' } },
      },
      datasetShare: 0.3,
    });
    expect(request?.settings.tests.byColumn.zip).toBeUndefined();
  });

  it('refuses half a mapping, a share outside 0..100 and a negative threshold', () => {
    const { errors } = driftRequestOf({
      ...datasets,
      mapping: [{ from: 'age', to: '' }],
      datasetSharePercent: 0,
      columnTests: [{ column: 'age', test: 'psi', threshold: -1 }],
    });
    expect(Object.keys(errors ?? {}).sort()).toEqual(['datasetShare', 'mapping', 'tests']);
  });

  it('asks for prediction drift with a model (its latest or a version) and a label only beside a model', () => {
    expect(driftRequestOf(datasets).request?.settings.model).toBeUndefined();
    const latest = driftRequestOf({ ...datasets, model: 'churn', label: 'churned' }).request?.settings;
    expect(latest?.model).toEqual({ name: 'churn' });
    expect(latest?.label).toBe('churned');
    const pinned = driftRequestOf({ ...datasets, model: 'churn', modelVersion: '3' }).request?.settings;
    expect(pinned?.model).toEqual({ name: 'churn', version: 3 });
    expect(pinned?.label).toBeUndefined();
    expect(driftRequestOf({ ...datasets, label: 'churned' }).request?.settings.label).toBeUndefined();
  });
});
