import { describe, expect, it } from 'vitest';
import { labelValue, resourceName } from './resourceNames.js';

const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe('resource names', () => {
  it.each([
    ['churn', 'churn'],
    ['Churn Classifier', 'churn-classifier'],
    ['churn_v2.onnx', 'churn-v2-onnx'],
    ['  --Fraud--Model--  ', 'fraud-model'],
    ['2024 churn', 'model-2024-churn'],
    ['Modèle Été', 'modele-ete'],
    ['resnet50', 'resnet50'],
  ])('%j becomes %j', (raw, expected) => {
    expect(resourceName(raw)).toBe(expected);
  });

  it('gives a name with nothing usable in it a hash of the original', () => {
    const name = resourceName('日本語モデル');
    expect(name).toMatch(/^model-[0-9a-f]{8}$/);
    expect(resourceName('中文模型')).not.toBe(name);
  });

  it('cuts long names to the limit and keeps two that share a beginning apart', () => {
    const stem = 'customer-churn-gradient-boosted-trees-trained-on-the-2024-q3-export-of-the-crm';
    const a = resourceName(`${stem}-variant-a`);
    const b = resourceName(`${stem}-variant-b`);
    expect(a).toHaveLength(63);
    expect(a).toMatch(/^customer-churn-gradient-boosted-trees-trained-on-the-2-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(resourceName(stem, 39)).toMatch(/^customer-churn-gradient-booste-[0-9a-f]{8}$/);
  });

  it.each([
    'a',
    'A_B',
    '9',
    '-',
    'x'.repeat(300),
    'ends-with-dash-at-the-cut-'.repeat(3),
    'Ünïcödé/Ñame',
    '.hidden',
  ])('%j becomes an RFC 1035 label', (raw) => {
    for (const max of [63, 39]) {
      const name = resourceName(raw, max);
      expect(name).toMatch(RFC1035_LABEL);
      expect(name.length).toBeLessThanOrEqual(max);
    }
  });
});

describe('label values', () => {
  it.each([
    ['1.2.0', '1.2.0'],
    ['Churn Classifier', 'Churn-Classifier'],
    ['-v1.0-', 'v1.0'],
    ['...', ''],
  ])('%j becomes %j', (raw, expected) => {
    expect(labelValue(raw)).toBe(expected);
  });

  it('cuts a long value to 63 and ends it with a hash', () => {
    const value = labelValue(`${'x'.repeat(70)}.y`);
    expect(value).toHaveLength(63);
    expect(value).toMatch(LABEL_VALUE);
  });
});
