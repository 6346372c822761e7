import { chiSquareSf } from './distributions.js';

export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Evidently's chisquare: scipy.stats.chisquare of the current counts against the reference counts
 * scaled to the current total, over the categories seen on either side, df = categories - 1. A
 * category absent from the reference makes the statistic infinite (p = 0), as in SciPy. A single
 * category (no possible drift) gives p = 1, where SciPy returns NaN for df = 0.
 */
export function chiSquareTest(referenceCounts: Float64Array, currentCounts: Float64Array): TestResult {
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let k = 0; k < referenceCounts.length; k++) {
    referenceTotal += referenceCounts[k]!;
    currentTotal += currentCounts[k]!;
  }
  const scale = currentTotal / referenceTotal;
  let statistic = 0;
  let categories = 0;
  for (let k = 0; k < referenceCounts.length; k++) {
    const observed = currentCounts[k]!;
    const expected = referenceCounts[k]! * scale;
    if (observed === 0 && referenceCounts[k] === 0) continue;
    categories++;
    statistic += expected === 0 ? Infinity : (observed - expected) ** 2 / expected;
  }
  if (categories < 2) return { statistic: 0, pValue: 1 };
  return { statistic, pValue: chiSquareSf(statistic, categories - 1) };
}
