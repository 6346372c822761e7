import { describe, expect, it } from 'vitest';
import { float16ToNumber, numberToFloat16 } from './float16.js';

describe('float16 bits', () => {
  it('round-trip every one of the 65,536 patterns (NaNs to a NaN)', () => {
    for (let bits = 0; bits < 0x10000; bits += 1) {
      const value = float16ToNumber(bits);
      if (Number.isNaN(value)) expect(Number.isNaN(float16ToNumber(numberToFloat16(value)))).toBe(true);
      else expect(numberToFloat16(value)).toBe(bits);
    }
  });

  it('round to nearest even, overflow to infinity, underflow to zero', () => {
    expect(float16ToNumber(numberToFloat16(1 + 2 ** -11))).toBe(1); // halfway: to even
    expect(float16ToNumber(numberToFloat16(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(float16ToNumber(numberToFloat16(65520))).toBe(Infinity);
    expect(float16ToNumber(numberToFloat16(65519))).toBe(65504);
    expect(float16ToNumber(numberToFloat16(2 ** -26))).toBe(0);
    expect(float16ToNumber(numberToFloat16(-(2 ** -24)))).toBe(-(2 ** -24));
  });
});
