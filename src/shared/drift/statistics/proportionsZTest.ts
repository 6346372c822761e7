import type { TestResult } from './chiSquare.js';
import { normalSf } from './distributions.js';

/**
 * Evidently's z test for a binary column: the share of values that are not the first category (in
 * sorted order, index 0 of the counts), pooled two-proportion z, two-sided p = 2 P(Z > |z|). Evidently
 * writes 2 * (1 - norm.cdf(|z|)), which rounds p-values below ~1e-16 to 0; this keeps them exact.
 * Both sides all one and the same category (or a pooled share of 0 or 1): z = 0, p = 1.
 */
export function proportionsZTest(referenceCounts: Float64Array, currentCounts: Float64Array): TestResult {
  const n1 = total(referenceCounts);
  const n2 = total(currentCounts);
  const p1 = (n1 - referenceCounts[0]!) / n1;
  const p2 = (n2 - currentCounts[0]!) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (
    !(spread > 0) ||
    (singleCategory(referenceCounts) && sameSingleCategory(referenceCounts, currentCounts))
  ) {
    return { statistic: 0, pValue: 1 };
  }
  const z = (p1 - p2) / spread;
  return { statistic: z, pValue: 2 * normalSf(Math.abs(z)) };
}

function total(counts: Float64Array): number {
  let sum = 0;
  for (const c of counts) sum += c;
  return sum;
}

function singleCategory(counts: Float64Array): boolean {
  return counts.filter((c) => c > 0).length === 1;
}

function sameSingleCategory(reference: Float64Array, current: Float64Array): boolean {
  return singleCategory(current) && reference.findIndex((c) => c > 0) === current.findIndex((c) => c > 0);
}
