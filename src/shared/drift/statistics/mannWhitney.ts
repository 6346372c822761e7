import type { TestResult } from './chiSquare.js';
import { normalSf } from './distributions.js';
import { clip01 } from './numerics.js';
import { tieGroups } from './tieGroups.js';

export type Alternative = 'two-sided' | 'less' | 'greater';

/** scipy's method='auto' uses the exact null distribution only when a side has at most 8 values and nothing ties. */
const EXACT_MAX_SMALLER_SIDE = 8;

/**
 * scipy.stats.mannwhitneyu(reference, current, alternative, use_continuity=True, method='auto').
 * Evidently asks for alternative='less' (drift when the reference tends to be smaller). The statistic
 * is U of the reference; p comes from the exact distribution of U (no ties, a side <= 8 values) or
 * from the normal approximation with tie correction and continuity correction.
 */
export function mannWhitney(
  reference: Float64Array,
  current: Float64Array,
  alternative: Alternative = 'less',
): TestResult {
  const n1 = reference.length;
  const n2 = current.length;
  const n = n1 + n2;
  const groups = tieGroups(reference, current);
  let rankSum = 0;
  let tieTerm = 0;
  let ranked = 0;
  for (let g = 0; g < groups.reference.length; g++) {
    const inReference = groups.reference[g]!;
    const size = inReference + groups.current[g]!;
    rankSum += inReference * (ranked + (size + 1) / 2);
    tieTerm += size ** 3 - size;
    ranked += size;
  }
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const [u, factor] =
    alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];
  const exact = (n1 <= EXACT_MAX_SMALLER_SIDE || n2 <= EXACT_MAX_SMALLER_SIDE) && tieTerm === 0;
  let p: number;
  if (exact) {
    p = exactUpperTail(Math.trunc(u), n1, n2);
  } else {
    const spread = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    p = normalSf((u - (n1 * n2) / 2 - 0.5) / spread);
  }
  return { statistic: u1, pValue: clip01(p * factor) };
}

/**
 * P(U >= u) under the null: the counts of U are the coefficients of the Gaussian binomial
 * [m+n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i), built exactly in BigInt.
 */
function exactUpperTail(u: number, n1: number, n2: number): number {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const degree = m * n;
  const coefficients = new Array<bigint>(degree + m + 1).fill(0n);
  coefficients[0] = 1n;
  let currentDegree = 0;
  for (let i = 1; i <= m; i++) {
    const shift = n + i;
    for (let k = currentDegree + shift; k >= shift; k--)
      coefficients[k] = coefficients[k]! - coefficients[k - shift]!;
    // Dividing over the whole product leaves its top i coefficients exactly zero.
    for (let k = i; k <= currentDegree + shift; k++)
      coefficients[k] = coefficients[k]! + coefficients[k - i]!;
    currentDegree += n;
  }
  let tail = 0n;
  let all = 0n;
  for (let k = 0; k <= degree; k++) {
    all += coefficients[k]!;
    if (k >= u) tail += coefficients[k]!;
  }
  // Both below binom(m+n, m) < 2^1023 for any size this runs on; each converts with one rounding.
  return Number(tail) / Number(all);
}
