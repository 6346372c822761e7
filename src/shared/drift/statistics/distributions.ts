// Tail probabilities from @stdlib (well-kept ports of Boost/Cephes), in the forms that keep tiny
// p-values exact instead of computing 1 - cdf.
import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';

/** P(Z > z) for a standard normal Z (scipy.stats.norm.sf). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(X > x) for X ~ chi-square(df) (scipy.stats.chi2.sf). */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/** P(T > |t|) * 2 for T ~ Student's t(df) (two-sided, as scipy.stats.ttest_ind). */
export function studentTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return betainc(df / (df + t * t), df / 2, 0.5, true, false);
}
