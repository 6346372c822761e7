import { describe, expect, it } from 'vitest';
import { numberToFloat16 } from './float16.js';
import { tensorDifference, tensorLeaves } from './tensorJson.js';

describe('tensor values as JSON', () => {
  it('writes float16 as numbers, booleans as booleans and 64-bit integers exactly', () => {
    expect(
      tensorLeaves({
        type: 'float16',
        dims: [2],
        data: Uint16Array.of(numberToFloat16(0.5), numberToFloat16(-2)),
      }),
    ).toEqual([0.5, -2]);
    expect(tensorLeaves({ type: 'bool', dims: [2], data: Uint8Array.of(1, 0) })).toEqual([true, false]);
    expect(tensorLeaves({ type: 'int64', dims: [2], data: BigInt64Array.of(7n, 2n ** 62n) })).toEqual([
      7,
      '4611686018427387904',
    ]);
    expect(tensorLeaves({ type: 'string', dims: [1], data: ['a'] })).toEqual(['a']);
  });

  it('measures the largest absolute and relative difference, and says when shapes differ', () => {
    const expected = { type: 'float32' as const, dims: [1, 3], data: Float32Array.of(1, 2, Number.NaN) };
    expect(tensorDifference(expected, { dims: [1, 3], leaves: [1, 2.5, Number.NaN] })).toEqual({
      maxAbs: 0.5,
      maxRel: 0.2,
      nanMismatches: 0,
    });
    expect(tensorDifference(expected, { dims: [1, 3], leaves: [1, 2, 0] })).toMatchObject({
      nanMismatches: 1,
    });
    expect(tensorDifference(expected, { dims: [3], leaves: [1, 2, 3] })).toEqual({
      problem: 'shape [3] where [1, 3] was expected',
    });
    expect(
      tensorDifference({ type: 'string', dims: [1], data: ['a'] }, { dims: [1], leaves: ['b'] }),
    ).toMatchObject({ maxAbs: 1 });
  });
});
