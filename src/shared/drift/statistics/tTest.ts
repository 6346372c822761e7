import type { TestResult } from './chiSquare.js';
import { studentTwoSidedP } from './distributions.js';
import { DriftStatisticError } from './errors.js';
import { moments } from './moments.js';

/**
 * scipy.stats.ttest_ind, two-sided. Evidently calls it with SciPy's defaults: pooled variance
 * (Student's test, equalVariance true); equalVariance false gives Welch's test.
 */
export function tTest(reference: Float64Array, current: Float64Array, equalVariance = true): TestResult {
  const n1 = reference.length;
  const n2 = current.length;
  const a = moments(reference);
  const b = moments(current);
  const v1 = a.sumSquares / (n1 - 1);
  const v2 = b.sumSquares / (n2 - 1);
  let df: number;
  let denominator: number;
  if (equalVariance) {
    df = n1 + n2 - 2;
    const pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
    denominator = Math.sqrt(pooled * (1 / n1 + 1 / n2));
  } else {
    const vn1 = v1 / n1;
    const vn2 = v2 / n2;
    df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1));
    denominator = Math.sqrt(vn1 + vn2);
  }
  if (!(denominator > 0) || !(df > 0)) {
    throw new DriftStatisticError(
      'NO_VARIANCE',
      'The t-test needs spread: both samples are constant (or too small). Use a distance test for this column.',
    );
  }
  const t = (a.mean - b.mean) / denominator;
  return { statistic: t, pValue: studentTwoSidedP(t, df) };
}
