import { describe, expect, it } from 'vitest';
import type { ModelCard, RegistryModel } from '../../../../shared/contract/modelRegistry.js';
import { imageReferenceProblem, initialChoice } from './buildForm.js';

function model(name: string, versions: number[], addedAt: string): RegistryModel {
  return {
    name,
    latest: Math.max(...versions),
    nameWarning: null,
    versions: versions.map((version) => ({ version, provenance: { addedAt } }) as unknown as ModelCard),
  };
}

describe('imageReferenceProblem', () => {
  it('accepts what Docker accepts', () => {
    expect(imageReferenceProblem('mlw/churn:3')).toBeUndefined();
    expect(imageReferenceProblem('registry.local:5000/team/churn:1.2.0')).toBeUndefined();
    expect(imageReferenceProblem('mlw-local/node:22')).toBeUndefined();
  });

  it('says why a reference is refused', () => {
    expect(imageReferenceProblem('')).toBe('Required');
    expect(imageReferenceProblem('MLW/Churn')).toMatch(/lower-case/);
  });
});

describe('initialChoice', () => {
  const models = [
    model('iris', [1], '2026-12-01T00:00:00Z'),
    model('churn', [1, 2, 3], '2026-12-05T00:00:00Z'),
  ];

  it('starts on the version asked for', () => {
    expect(initialChoice(models, { name: 'churn', version: 2 })).toEqual({ name: 'churn', version: 2 });
  });

  it('takes the latest version when the one asked for is gone', () => {
    expect(initialChoice(models, { name: 'churn', version: 9 })).toEqual({ name: 'churn', version: 3 });
  });

  it('otherwise starts on the model added last', () => {
    expect(initialChoice(models, undefined)).toEqual({ name: 'churn', version: 3 });
    expect(initialChoice([], undefined)).toBeUndefined();
  });
});
