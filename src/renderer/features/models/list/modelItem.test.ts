import { describe, expect, it } from 'vitest';
import { modelItem, parseModelItem, suggestModelName } from './modelItem.js';
import { normalizeModelPath, rememberModel } from './recentModels.js';

describe('model route items', () => {
  it('reads registry names with and without a version, and anything else as a path', () => {
    expect(parseModelItem('resnet50')).toEqual({ kind: 'registry', name: 'resnet50' });
    expect(parseModelItem('resnet50@3')).toEqual({ kind: 'registry', name: 'resnet50', version: 3 });
    expect(parseModelItem('models/resnet50.onnx')).toEqual({ kind: 'path', path: 'models/resnet50.onnx' });
    expect(parseModelItem('mnist.onnx')).toEqual({ kind: 'path', path: 'mnist.onnx' });
    expect(parseModelItem('Upper/Case')).toEqual({ kind: 'path', path: 'Upper/Case' });
  });

  it('round-trips', () => {
    for (const item of ['bert-base', 'bert-base@12', 'models/x/y.onnx']) {
      expect(modelItem(parseModelItem(item))).toBe(item);
    }
  });

  it('suggests a registry name from a file name', () => {
    expect(suggestModelName('ResNet 50 (v2).onnx')).toBe('resnet-50-v2');
    expect(suggestModelName('test_conv_with_strides_padding.onnx')).toBe('test_conv_with_strides_padding');
    expect(suggestModelName('---.onnx')).toBe('model');
  });
});

describe('recent paths', () => {
  it('keeps the newest first, once each', () => {
    expect(rememberModel(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(rememberModel(['a', 'b'], 'c', 2)).toEqual(['c', 'a']);
  });
  it('normalizes typed paths', () => {
    expect(normalizeModelPath('  ./models\\a.onnx ')).toBe('models/a.onnx');
    expect(normalizeModelPath('/models/a.onnx')).toBe('models/a.onnx');
  });
});
