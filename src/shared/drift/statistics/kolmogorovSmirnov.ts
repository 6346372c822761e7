import { kolmogorovSf } from './kolmogorovDistribution.js';
import type { MergedPass } from './mergedPass.js';
import { clip01, roundHalfToEven } from './numerics.js';

/** scipy.stats.ks_2samp(method='auto') computes the exact p-value while neither sample exceeds this. */
export const KS_EXACT_MAX_N = 10_000;

export type KsMethod = 'auto' | 'exact' | 'asymptotic';

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sided two-sample Kolmogorov-Smirnov, as scipy.stats.ks_2samp: D = sup |F_ref - F_cur|; the exact
 * null distribution of D (lattice paths, Hodges 1958, in the 1-p form of Viehmann 2021) when both
 * samples have at most 10,000 values, else P(D_n >= D) of the one-sample distribution at
 * n = round(n1*n2/(n1+n2)). On the exact path D is rounded to the lattice, h/lcm(n1, n2), as scipy does.
 */
export function kolmogorovSmirnov(
  n1: number,
  n2: number,
  pass: MergedPass,
  method: KsMethod = 'auto',
): KsResult {
  const d = Math.max(pass.maxReferenceAbove, pass.maxCurrentAbove);
  if (method === 'exact' || (method === 'auto' && Math.max(n1, n2) <= KS_EXACT_MAX_N)) {
    const exact = exactKsPValue(n1, n2, d);
    if (exact) return { ...exact, method: 'exact' };
  }
  const larger = Math.max(n1, n2);
  const smaller = Math.min(n1, n2);
  const effectiveN = roundHalfToEven((larger * smaller) / (larger + smaller));
  return { statistic: d, pValue: clip01(kolmogorovSf(effectiveN, d)), method: 'asymptotic' };
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** undefined when the computation leaves [0, 1] (scipy then falls back to the asymptotic branch). */
function exactKsPValue(n1: number, n2: number, d: number): { statistic: number; pValue: number } | undefined {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfToEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1 };
  const pValue = n1 === n2 ? equalSizesOutsideProbability(n1, h) : outsideProbability(n1, n2, g, h);
  if (!(pValue >= 0 && pValue <= 1)) return undefined;
  return { statistic, pValue };
}

/**
 * n1 = n2 = n: P(D >= h/n) = 2 * sum_k (-1)^(k-1) C(2n, n-kh) / C(2n, n), each ratio a product of h
 * factors, nested Horner-style so no alternating sum cancels.
 */
function equalSizesOutsideProbability(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * The share of monotone lattice paths from (0,0) to (m,n) that touch |x/m - y/n| >= h/lcm(m,n),
 * carried column by column as one minus the share still strictly inside the band, so small
 * p-values keep their precision.
 */
function outsideProbability(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let low = 0;
  let high = Math.min(Math.ceil(h / mg), n + 1);
  let width = high - low;
  const column = new Float64Array(Math.min(2 * high + 2, n + 1)).fill(1);
  column.fill(0, low, high);
  for (let i = 1; i <= m; i++) {
    const previousLow = low;
    const previousWidth = width;
    low = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    high = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (high <= low) return 1;
    let value = low === 0 ? 0 : 1;
    for (let offset = 0; offset < high - low; offset++) {
      const j = offset + low;
      value = (column[offset + low - previousLow]! * i + value * j) / (i + j);
      column[offset] = value;
    }
    width = high - low;
    if (previousWidth > width) column.fill(1, width, width + (previousWidth - width));
  }
  return column[high - low - 1]!;
}
