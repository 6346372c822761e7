import { describe, expect, it } from 'vitest';
import { defaultModelName, genericNameWarning } from './modelNames.js';

describe('generic model names', () => {
  it.each([
    'model',
    'model-final-2',
    'final',
    'new_model',
    'test',
    'untitled',
    'best',
    'v2',
    'output',
    'model_v3',
    'my-model-latest',
    'Final Model (copy)',
    '2',
  ])('warns about %s', (name) => {
    expect(genericNameWarning(name)).toMatch(/says nothing/);
  });

  it.each(['churn', 'churn-classifier', 'resnet50', 'model-churn-2', 'bert-base-v2', 'yolo_final'])(
    'accepts %s',
    (name) => {
      expect(genericNameWarning(name)).toBeNull();
    },
  );
});

describe('default model names', () => {
  it('derives a registry name from a file name', () => {
    expect(defaultModelName('Churn Model.onnx')).toBe('churn-model');
    expect(defaultModelName('/tmp/x/resnet50_v2.ONNX')).toBe('resnet50_v2');
    expect(defaultModelName('model.onnx.onnx')).toBe('model');
    expect(defaultModelName('__.onnx')).toBe('model');
    expect(defaultModelName('ümlaut.onnx')).toBe('mlaut');
  });
});
