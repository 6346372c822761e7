import { describe, expect, it } from 'vitest';
import { categoricalDriftTest, numericDriftTest, numericDriftTests } from './driftTest.js';
import { DriftStatisticError } from './errors.js';
import { kolmogorovSmirnov } from './kolmogorovSmirnov.js';
import { mergedPass } from './mergedPass.js';

const sorted = (values: number[]) => Float64Array.from(values).sort();

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DriftStatisticError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('numeric drift tests', () => {
  it('KS on fully separated samples of 3 and 3: D = 1, p = 2 / C(6, 3)', () => {
    const { statistic, pValue } = numericDriftTest('ks', sorted([1, 2, 3]), sorted([4, 5, 6]));
    expect(statistic).toBe(1);
    expect(pValue).toBeCloseTo(2 / 20, 15);
  });

  it('KS takes the exact path up to 10,000 values a side and the asymptotic one beyond', () => {
    const pass = mergedPass(sorted([0, 1]), sorted([0.5, 2]));
    expect(kolmogorovSmirnov(10_000, 10_000, pass).method).toBe('exact');
    expect(kolmogorovSmirnov(10_001, 50, pass).method).toBe('asymptotic');
  });

  it('identical samples do not drift under any test', () => {
    const values = sorted([0.5, 1.5, 1.5, 2, 3, 4.25, 5, 8, 9, 10]);
    const results = numericDriftTests(
      ['ks', 'wasserstein', 'psi', 'kl_div', 'jensenshannon', 'ed'],
      values,
      values,
    );
    expect(results.ks).toEqual({ statistic: 0, pValue: 1 });
    for (const test of ['wasserstein', 'psi', 'kl_div', 'jensenshannon', 'ed'] as const) {
      expect(results[test].statistic, test).toBe(0);
    }
  });

  it('norms Wasserstein by the reference standard deviation, floored at 0.001', () => {
    expect(numericDriftTest('wasserstein', sorted([0, 2]), sorted([1, 3])).statistic).toBeCloseTo(1, 15);
    expect(numericDriftTest('wasserstein', sorted([5, 5]), sorted([6, 6])).statistic).toBeCloseTo(1000, 9);
  });

  it('says which input it cannot use', () => {
    expect(problemOf(() => numericDriftTest('ks', new Float64Array(0), sorted([1])))).toBe('EMPTY_SAMPLE');
    expect(problemOf(() => numericDriftTest('cramer_von_mises', sorted([1]), sorted([1, 2])))).toBe(
      'TOO_FEW_VALUES',
    );
    expect(problemOf(() => numericDriftTest('t_test', sorted([1, 1]), sorted([1, 1])))).toBe('NO_VARIANCE');
    expect(problemOf(() => numericDriftTest('chisquare', sorted([1]), sorted([1])))).toBe('NOT_APPLICABLE');
  });
});

describe('categorical drift tests', () => {
  it('z test of a binary column: 2 P(Z > |z|) of the pooled two-proportion z', () => {
    const { statistic, pValue } = categoricalDriftTest(
      'z',
      Float64Array.from([60, 40]),
      Float64Array.from([40, 60]),
    );
    expect(statistic).toBeCloseTo(-2.8284271247461903, 12);
    expect(pValue).toBeCloseTo(0.004677734981047177, 12);
  });

  it('chi-square of equal shares is 0 with p = 1; a new category in current gives p = 0', () => {
    expect(
      categoricalDriftTest('chisquare', Float64Array.from([10, 20]), Float64Array.from([5, 10])),
    ).toEqual({
      statistic: 0,
      pValue: 1,
    });
    expect(
      categoricalDriftTest('chisquare', Float64Array.from([10, 0]), Float64Array.from([5, 1])).pValue,
    ).toBe(0);
  });

  it('total variation is half the L1 distance of the shares', () => {
    expect(
      categoricalDriftTest('tvd', Float64Array.from([1, 1]), Float64Array.from([3, 1])).statistic,
    ).toBeCloseTo(0.25, 15);
  });

  it('refuses counts that do not line up or are empty', () => {
    const three = Float64Array.from([1, 2, 3]);
    expect(problemOf(() => categoricalDriftTest('psi', three, Float64Array.from([1, 2])))).toBe(
      'MISALIGNED_COUNTS',
    );
    expect(problemOf(() => categoricalDriftTest('psi', three, new Float64Array(3)))).toBe('EMPTY_SAMPLE');
    expect(problemOf(() => categoricalDriftTest('ks', three, three))).toBe('NOT_APPLICABLE');
  });
});
