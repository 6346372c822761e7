import { describe, expect, it } from 'vitest';
import { compareTensors } from './compareTensors.js';
import { numberToFloat16 } from './float16.js';
import type { TensorValue } from './tensors.js';

const tolerance = { rtol: 1e-4, atol: 1e-5 };
const floats = (values: number[], dims = [values.length]): TensorValue => ({
  type: 'float32',
  dims,
  data: Float32Array.from(values),
});

describe('compareTensors', () => {
  it('reads a float against atol + rtol·|want|: 1e-4 off at 10 is inside, 2e-3 off is outside', () => {
    const result = compareTensors(floats([10, 0, -1]), floats([10.0001, 0, -1.002]), tolerance);
    expect(result.outside).toBe(1);
    expect(result.maxAbsError).toBeCloseTo(2e-3, 6);
    expect(result.maxRelError).toBeCloseTo(2e-3, 6);
    expect(result.maxAbs).toBe(10);
    expect(result.labelAgreement).toBeNull();
  });

  it('counts NaN against a number as outside, NaN against NaN as agreement', () => {
    const result = compareTensors(floats([NaN, 1, 2]), floats([NaN, NaN, 2]), tolerance);
    expect(result).toMatchObject({ outside: 1, maxAbsError: Number.MAX_VALUE });
  });

  it('reads float16 patterns as numbers and compares them with float64', () => {
    const half: TensorValue = {
      type: 'float16',
      dims: [2],
      data: Uint16Array.from([0.5, 2], numberToFloat16),
    };
    const wide: TensorValue = { type: 'float64', dims: [2], data: Float64Array.from([0.5, 2]) };
    expect(compareTensors(wide, half, tolerance)).toMatchObject({ outside: 0, maxAbsError: 0 });
  });

  it('compares labels exactly: int64 and strings give the fraction that agree', () => {
    const want: TensorValue = { type: 'int64', dims: [4], data: BigInt64Array.from([0n, 1n, 2n, 2n]) };
    const got: TensorValue = { type: 'int64', dims: [4], data: BigInt64Array.from([0n, 1n, 1n, 2n]) };
    expect(compareTensors(want, got, tolerance)).toMatchObject({ outside: 1, labelAgreement: 0.75 });
    const names: TensorValue = { type: 'string', dims: [2], data: ['setosa', 'virginica'] };
    expect(compareTensors(names, { ...names, data: ['setosa', 'versicolor'] }, tolerance)).toMatchObject({
      outside: 1,
      labelAgreement: 0.5,
    });
  });

  it('takes a missing result or another shape as every element outside, with finite errors', () => {
    const want = floats([1, 2, 3, 4], [2, 2]);
    for (const got of [undefined, floats([1, 2, 3, 4], [4]), floats([1, 2], [1, 2])]) {
      const result = compareTensors(want, got, tolerance);
      expect(result).toMatchObject({ outside: 4, elements: 4, maxAbsError: Number.MAX_VALUE, maxAbs: 4 });
      expect(Number.isFinite(result.maxRelError)).toBe(true);
    }
  });
});
