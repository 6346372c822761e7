import { describe, expect, it } from 'vitest';
import { numberToFloat16 } from './float16.js';
import { tensorStats } from './tensorStats.js';

describe('tensor stats', () => {
  it('skips NaN in min, max and mean and counts it', () => {
    expect(tensorStats({ type: 'float32', dims: [4], data: Float32Array.of(1, NaN, -3, 8) })).toEqual({
      min: -3,
      max: 8,
      mean: 2,
      nanCount: 1,
    });
  });

  it('reads float16 bits and 64-bit integers as numbers, and has none for strings or all-NaN', () => {
    const half = Uint16Array.from([0.5, 2], numberToFloat16);
    expect(tensorStats({ type: 'float16', dims: [2], data: half })).toMatchObject({ min: 0.5, max: 2 });
    expect(tensorStats({ type: 'int64', dims: [2], data: BigInt64Array.of(-2n, 4n) })).toMatchObject({
      mean: 1,
    });
    expect(tensorStats({ type: 'string', dims: [1], data: ['a'] })).toEqual({
      min: null,
      max: null,
      mean: null,
      nanCount: 0,
    });
    expect(tensorStats({ type: 'float64', dims: [1], data: Float64Array.of(NaN) })).toMatchObject({
      mean: null,
      nanCount: 1,
    });
  });
});
