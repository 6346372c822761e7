import { describe, expect, it } from 'vitest';
import { numberToFloat16 } from '../tensors/index.js';
import { tensorDifference } from './compareTensors.js';

const f32 = (...values: number[]) => ({
  type: 'float32' as const,
  dims: [values.length],
  data: Float32Array.from(values),
});

describe('comparing tensors as the ONNX backend tests do', () => {
  it('accepts floats within rtol 1e-3 + atol 1e-7 of the reference, NaN equal to NaN', () => {
    expect(tensorDifference(f32(1.0009, Number.NaN, Infinity), f32(1, Number.NaN, Infinity))).toBeUndefined();
    expect(tensorDifference(f32(1.002), f32(1))).toMatch(/1 of 1 values differ/);
    expect(tensorDifference(f32(Number.NaN), f32(0))).toMatch(/differ/);
    expect(tensorDifference(f32(-Infinity), f32(Infinity))).toMatch(/differ/);
  });

  it('compares float16 as numbers, integers and strings exactly, and dims and types first', () => {
    const half = (...values: number[]) => ({
      type: 'float16' as const,
      dims: [values.length],
      data: Uint16Array.from(values.map(numberToFloat16)),
    });
    expect(tensorDifference(half(0.1, 65504), half(0.1, 65504))).toBeUndefined();
    expect(tensorDifference(half(0.1), half(0.2))).toMatch(/differ/);
    const i64 = (v: bigint) => ({ type: 'int64' as const, dims: [1], data: BigInt64Array.of(v) });
    expect(tensorDifference(i64(2n ** 60n + 1n), i64(2n ** 60n))).toMatch(/1152921504606846977/);
    const str = (s: string) => ({ type: 'string' as const, dims: [1], data: [s] });
    expect(tensorDifference(str('a'), str('a'))).toBeUndefined();
    expect(tensorDifference(str('a'), str('b'))).toMatch(/"a", expected "b"/);
    expect(tensorDifference(f32(1, 2), { ...f32(1, 2), dims: [2, 1] })).toMatch(/dims/);
    expect(tensorDifference(f32(1), i64(1n))).toMatch(/type float32, expected int64/);
  });
});
