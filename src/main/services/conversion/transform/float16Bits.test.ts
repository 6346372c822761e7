import { describe, expect, it } from 'vitest';
import { float16ToNumber } from '../../../../shared/tensors/float16.js';
import { toFloat16 } from './float16Bits.js';

describe('float32 to float16 weights', () => {
  it('rounds to the nearest float16 and clamps beyond the range instead of overflowing', () => {
    const bits = toFloat16(Float32Array.of(1, -2.5, 1e-8, 70000, -1e9, NaN, 0.1));
    expect([...bits].map(float16ToNumber)).toEqual([1, -2.5, 0, 65504, -65504, NaN, 0.0999755859375]);
  });
});
