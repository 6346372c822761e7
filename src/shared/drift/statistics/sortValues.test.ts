import { describe, expect, it } from 'vitest';
import { DriftStatisticError } from './errors.js';
import { sortFiniteValues, sortValues } from './sortValues.js';

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('sortValues', () => {
  it('orders a million mixed doubles exactly as Float64Array.prototype.sort', () => {
    const next = seeded(7);
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) =>
      i % 5 === 0 ? Math.round(next() * 100 - 50) : (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20),
    );
    values.set([Infinity, -Infinity, 0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE], 0);
    const expected = Float64Array.from(values).sort();
    const sorted = sortValues(values);
    expect(Object.is(sorted[sorted.indexOf(0)], -0)).toBe(true);
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) if (!Object.is(sorted[i], expected[i])) mismatches++;
    expect(sorted.length).toBe(expected.length);
    expect(mismatches).toBe(0);
    expect(values[0], 'the input is left as it was').toBe(Infinity);
  });

  it('sorts integer-valued data whose low words all agree, and short arrays', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 1000);
    expect(sortValues(values)).toEqual(Float64Array.from(values).sort());
    expect(sortValues(Float64Array.from([3, -1, 2]))).toEqual(Float64Array.from([-1, 2, 3]));
    expect(sortValues(new Float64Array(0))).toEqual(new Float64Array(0));
  });

  it('refuses NaN, saying to drop missing values first', () => {
    const large = new Float64Array(5000);
    large[4321] = NaN;
    for (const values of [Float64Array.from([1, NaN]), large]) {
      expect(() => sortValues(values)).toThrow(DriftStatisticError);
      expect(() => sortValues(values)).toThrow(/NaN: drop missing values/);
    }
  });

  it('drops NaN and infinities (missing values), sorts the rest and counts what it dropped', () => {
    const next = seeded(11);
    const values = Float64Array.from({ length: 200_000 }, (_, i) =>
      i % 97 === 0 ? NaN : i % 101 === 0 ? (i % 2 ? Infinity : -Infinity) : next() * 2 - 1,
    );
    const finite = values.filter((value) => Number.isFinite(value));
    const { sorted, dropped } = sortFiniteValues(values);
    expect(dropped).toBe(values.length - finite.length);
    expect(dropped).toBeGreaterThan(3000);
    expect(sorted).toEqual(finite.sort());
    expect(sortFiniteValues(Float64Array.from([2, NaN, 1]))).toEqual({
      sorted: Float64Array.from([1, 2]),
      dropped: 1,
    });
    expect(sortFiniteValues(Float64Array.from([NaN]))).toEqual({ sorted: new Float64Array(0), dropped: 1 });
  });
});
