import { describe, expect, it } from 'vitest';
import { modelRefSchema } from '../contract/modelRegistry.js';
import { formatModelRef, parseModelRef } from './modelRef.js';

describe('model references', () => {
  it('reads name and name@version as registry references', () => {
    expect(parseModelRef('churn')).toEqual({ kind: 'registry', name: 'churn' });
    expect(parseModelRef('churn@2')).toEqual({ kind: 'registry', name: 'churn', version: 2 });
    expect(parseModelRef('churn@latest')).toEqual({ kind: 'registry', name: 'churn' });
    expect(parseModelRef('resnet50-v1.5@12')).toEqual({
      kind: 'registry',
      name: 'resnet50-v1.5',
      version: 12,
    });
  });

  it('reads anything file-like as a path', () => {
    for (const path of [
      './churn@2.onnx',
      'churn@2.onnx',
      'churn.onnx',
      'models/churn',
      '../x.onnx',
      '/abs/m',
      '~/m.onnx',
      'C:\\m\\x.onnx',
      '.hidden',
    ]) {
      expect(parseModelRef(path)).toEqual({ kind: 'path', path });
    }
  });

  it('refuses what is neither', () => {
    expect(() => parseModelRef('Churn')).toThrow(/neither a registered model/);
    expect(() => parseModelRef('churn@two')).toThrow(/neither/);
    expect(() => parseModelRef('churn@2@3')).toThrow(/neither/);
    expect(() => parseModelRef('')).toThrow(/neither/);
  });

  it('round-trips and matches the contract', () => {
    for (const text of ['churn', 'churn@3', './m.onnx']) {
      const ref = parseModelRef(text);
      expect(modelRefSchema.parse(ref)).toEqual(ref);
      expect(formatModelRef(ref)).toBe(text);
    }
  });
});
