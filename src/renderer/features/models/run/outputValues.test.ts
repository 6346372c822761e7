import { describe, expect, it } from 'vitest';
import { barPercent, firstValues, nestedValues, topK, topKApplies } from './outputValues.js';

describe('firstValues', () => {
  it('gives plain numbers, int64 as numbers and float16 decoded', () => {
    expect(firstValues({ type: 'int64', dims: [3], data: BigInt64Array.from([1n, 2n, 3n]) }, 2)).toEqual([
      1, 2,
    ]);
    expect(firstValues({ type: 'float16', dims: [2], data: Uint16Array.from([0x3c00, 0xc000]) }, 10)).toEqual(
      [1, -2],
    );
  });

  it('nests all values by the dims', () => {
    const t = { type: 'float64' as const, dims: [2, 2], data: Float64Array.from([1, 2, 3, 4]) };
    expect(nestedValues(t)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('topK', () => {
  it('ranks each row and tells probabilities from scores', () => {
    const probs = {
      type: 'float32' as const,
      dims: [2, 3],
      data: Float32Array.from([0.1, 0.7, 0.2, 5, -1, 3]),
    };
    const rows = topK(probs, 2);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.entries.map((e) => e.index)).toEqual([1, 2]);
    expect(rows[0]!.probabilities).toBe(true);
    expect(rows[1]!.entries.map((e) => e.index)).toEqual([0, 2]);
    expect(rows[1]!.probabilities).toBe(false);
  });

  it('applies to 2-D float outputs with at least two columns only', () => {
    expect(topKApplies({ type: 'float32', dims: [1, 5], data: new Float32Array(5) })).toBe(true);
    expect(topKApplies({ type: 'float32', dims: [5], data: new Float32Array(5) })).toBe(false);
    expect(topKApplies({ type: 'int64', dims: [1, 5], data: new BigInt64Array(5) })).toBe(false);
    expect(topKApplies({ type: 'float32', dims: [3, 1], data: new Float32Array(3) })).toBe(false);
  });

  it("draws probabilities as themselves and scores on the row's own range", () => {
    const t = { type: 'float32' as const, dims: [1, 3], data: Float32Array.from([-2, 2, 0]) };
    const [row] = topK(t, 3);
    expect(row).toMatchObject({ min: -2, max: 2, probabilities: false });
    expect(row!.entries.map((e) => barPercent(e.value, row!))).toEqual([100, 50, 0]);
    expect(barPercent(0.25, { probabilities: true, min: 0, max: 1 })).toBe(25);
    expect(barPercent(3, { probabilities: false, min: 3, max: 3 })).toBe(100);
  });

  it('caps the rows shown', () => {
    const t = { type: 'float32' as const, dims: [20, 2], data: new Float32Array(40) };
    expect(topK(t, 5, 10)).toHaveLength(10);
  });
});
