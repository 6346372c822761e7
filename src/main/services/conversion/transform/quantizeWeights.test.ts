import { describe, expect, it } from 'vitest';
import { quantizeWeight, transpose } from './quantizeWeights.js';

const weight = Float32Array.of(-1, 0.5, 0.25, 2, 0, -0.1); // [3, 2]

describe('8-bit weights', () => {
  it('int8 is symmetric: zero point 0, the largest |w| maps to 127', () => {
    const q = quantizeWeight(weight, 3, 2, 'int8', false);
    expect([...q.scales]).toEqual([Math.fround(2 / 127)]);
    expect([...q.zeroPoints]).toEqual([0]);
    expect([...q.values]).toEqual([-64, 32, 16, 127, 0, -6]);
  });

  it('per channel gives each output column its own scale', () => {
    const q = quantizeWeight(weight, 3, 2, 'int8', true);
    expect([...q.scales]).toEqual([Math.fround(1 / 127), Math.fround(2 / 127)]);
    expect([...q.values]).toEqual([-127, 32, 32, 127, 0, -6]);
  });

  it('uint8 is asymmetric over [min, max] with 0 exactly representable', () => {
    const q = quantizeWeight(weight, 3, 2, 'uint8', false);
    const scale = q.scales[0] as number;
    const zero = q.zeroPoints[0] as number;
    expect(zero).toBe(85);
    for (let i = 0; i < weight.length; i++) {
      expect(Math.abs(((q.values[i] as number) - zero) * scale - (weight[i] as number))).toBeLessThanOrEqual(
        scale / 2 + 1e-7,
      );
    }
  });

  it('transposes [N, K] to [K, N]', () => {
    expect([...transpose(weight, 3, 2)]).toEqual([-1, 0.25, 0, 0.5, 2, -0.1].map(Math.fround));
  });
});
