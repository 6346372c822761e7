/**
 * What one walk over the distinct values of two sorted samples yields: the ECDF differences behind
 * Kolmogorov-Smirnov, Wasserstein and energy distance, and the distinct counts the binning rules need.
 */
export interface MergedPass {
  /** max over x of F_ref(x) - F_cur(x), and of F_cur(x) - F_ref(x) (>= 0). */
  maxReferenceAbove: number;
  maxCurrentAbove: number;
  /** Integral of |F_ref - F_cur| dx: scipy.stats.wasserstein_distance. */
  wasserstein: number;
  /** Integral of (F_ref - F_cur)^2 dx; energy distance is sqrt(2 * this). */
  squaredCdfDistance: number;
  referenceDistinct: number;
  unionDistinct: number;
}

/** Both arrays sorted ascending, non-empty, without NaN. */
export function mergedPass(reference: Float64Array, current: Float64Array): MergedPass {
  const n1 = reference.length;
  const n2 = current.length;
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  let wasserstein = 0;
  let squared = 0;
  let referenceDistinct = 0;
  let unionDistinct = 0;
  let previousValue = 0;
  let previousDiff = 0;
  // The next value of each side, +Infinity once it is used up, so each step compares two locals.
  let x = reference[0]!;
  let y = current[0]!;
  while (i < n1 || j < n2) {
    const value = x <= y ? x : y;
    if (i < n1 && x === value) {
      referenceDistinct++;
      do i++;
      while (i < n1 && reference[i] === value);
      x = i < n1 ? reference[i]! : Infinity;
    }
    if (j < n2 && y === value) {
      do j++;
      while (j < n2 && current[j] === value);
      y = j < n2 ? current[j]! : Infinity;
    }
    if (unionDistinct > 0) {
      const gap = value - previousValue;
      const absolute = previousDiff < 0 ? -previousDiff : previousDiff;
      wasserstein += absolute * gap;
      squared += absolute * absolute * gap;
    }
    // The same operations as scipy's searchsorted(side='right') / n, so the extremes match bit for bit.
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    else if (diff < minDiff) minDiff = diff;
    previousValue = value;
    previousDiff = diff;
    unionDistinct++;
  }
  return {
    maxReferenceAbove: maxDiff,
    maxCurrentAbove: Math.min(-minDiff, 1),
    wasserstein,
    squaredCdfDistance: squared,
    referenceDistinct,
    unionDistinct,
  };
}
