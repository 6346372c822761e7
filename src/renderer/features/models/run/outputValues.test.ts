import { describe, expect, it } from 'vitest';
import { firstValues, nestedValues, tableView, topKApplies, topKRow } from './outputValues.js';

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

describe('topKRow', () => {
  it('ranks the chosen row and tells probabilities from scores', () => {
    const t = { type: 'float32' as const, dims: [2, 3], data: Float32Array.from([0.1, 0.7, 0.2, 5, -1, 3]) };
    expect(topKRow(t, 0, 2)).toEqual({
      row: 0,
      entries: [
        { index: 1, value: expect.closeTo(0.7) as unknown },
        { index: 2, value: expect.closeTo(0.2) as unknown },
      ],
      probabilities: true,
    });
    expect(topKRow(t, 1, 5)).toMatchObject({
      entries: [
        { index: 0, value: 5 },
        { index: 2, value: 3 },
        { index: 1, value: -1 },
      ],
      probabilities: false,
    });
  });

  it('keeps the first of equal values and skips NaN, over a million classes at once', () => {
    const t = { type: 'float32' as const, dims: [1, 5], data: Float32Array.from([2, NaN, 7, 2, 7]) };
    expect(topKRow(t, 0, 3).entries).toEqual([
      { index: 2, value: 7 },
      { index: 4, value: 7 },
      { index: 0, value: 2 },
    ]);
    const big = new Float32Array(1_000_000).map((_, i) => (i * 7919) % 1_000_003);
    const started = performance.now();
    const top = topKRow({ type: 'float32', dims: [1, big.length], data: big }, 0, 5);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(top.entries.map((e) => e.value)).toEqual([...big].sort((a, b) => b - a).slice(0, 5));
  });

  it('applies to 2-D float outputs with at least two columns only', () => {
    expect(topKApplies({ type: 'float32', dims: [1, 5], data: new Float32Array(5) })).toBe(true);
    expect(topKApplies({ type: 'float32', dims: [5], data: new Float32Array(5) })).toBe(false);
    expect(topKApplies({ type: 'int64', dims: [1, 5], data: new BigInt64Array(5) })).toBe(false);
    expect(topKApplies({ type: 'float32', dims: [3, 1], data: new Float32Array(3) })).toBe(false);
  });
});

describe('tableView', () => {
  const t = { type: 'int32' as const, dims: [3, 2, 2], data: Int32Array.from({ length: 12 }, (_, i) => i) };

  it('puts axis 0 down and the other axes across, labelled by their index', () => {
    expect(tableView(t, 10, 10)).toEqual({
      rows: 3,
      columns: 4,
      columnLabels: ['[0, 0]', '[0, 1]', '[1, 0]', '[1, 1]'],
      cells: [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9, 10, 11],
      ],
    });
  });

  it('caps rows and columns but still says how many there are', () => {
    expect(tableView(t, 2, 3)).toMatchObject({
      rows: 3,
      columns: 4,
      cells: [
        [0, 1, 2],
        [4, 5, 6],
      ],
    });
  });

  it('shows a vector as one column and a scalar as one cell', () => {
    const vector = { type: 'float64' as const, dims: [2], data: Float64Array.of(1.5, 2) };
    expect(tableView(vector, 10, 10)).toMatchObject({ columnLabels: ['value'], cells: [[1.5], [2]] });
    const scalar = { type: 'float32' as const, dims: [], data: Float32Array.of(4) };
    expect(tableView(scalar, 10, 10)).toMatchObject({ rows: 1, columns: 1, cells: [[4]] });
    const matrix = { type: 'string' as const, dims: [1, 2], data: ['a', 'b'] };
    expect(tableView(matrix, 10, 10)).toMatchObject({ columnLabels: ['0', '1'], cells: [['a', 'b']] });
  });
});
