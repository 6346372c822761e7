import { describe, expect, it } from 'vitest';
import { driftedCount, formatPValue, shortSha, thresholdRule } from './driftFormat.js';

describe('drift formatting', () => {
  it('cuts tiny p-values and keeps zero and ordinary ones', () => {
    expect(formatPValue(3e-12)).toBe('<0.0001');
    expect(formatPValue(0)).toBe('0');
    expect(formatPValue(0.0432)).toBe('0.0432');
    expect(formatPValue(null)).toBe('—');
  });

  it('reads the threshold the way the test reads its score', () => {
    expect(thresholdRule({ test: 'ks', threshold: 0.05 })).toBe('p < 0.05');
    expect(thresholdRule({ test: 'wasserstein', threshold: 0.1 })).toBe('≥ 0.1');
  });

  it('shortens digests and counts columns', () => {
    expect(shortSha('0123456789abcdef0123')).toBe('0123456789ab');
    expect(driftedCount(1, 1)).toBe('1 of 1 column drifted');
    expect(driftedCount(2, 5)).toBe('2 of 5 columns drifted');
  });
});
