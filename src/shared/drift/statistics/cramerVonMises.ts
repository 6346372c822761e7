import gammaln from '@stdlib/math-base-special-gammaln';
import type { TestResult } from './chiSquare.js';
import { tieGroups } from './tieGroups.js';

/** scipy's method='auto': the exact null distribution while neither sample exceeds 20 values. */
const EXACT_MAX_N = 20;

/**
 * scipy.stats.cramervonmises_2samp(reference, current, method='auto') (Anderson 1962): T from the
 * mid-ranks of both samples; p exact (lattice-path enumeration, Xiao-Gordon-Yakovlev 2006) for small
 * samples, else from the limiting distribution (Csörgő-Faraway 1996) after standardising T.
 */
export function cramerVonMises(reference: Float64Array, current: Float64Array): TestResult {
  const nx = reference.length;
  const ny = current.length;
  const groups = tieGroups(reference, current);
  let ranked = 0;
  let xSeen = 0;
  let ySeen = 0;
  let xPart = 0;
  let yPart = 0;
  for (let g = 0; g < groups.reference.length; g++) {
    const inX = groups.reference[g]!;
    const inY = groups.current[g]!;
    const rank = ranked + (inX + inY + 1) / 2;
    for (let i = 1; i <= inX; i++) xPart += (rank - (xSeen + i)) ** 2;
    for (let i = 1; i <= inY; i++) yPart += (rank - (ySeen + i)) ** 2;
    xSeen += inX;
    ySeen += inY;
    ranked += inX + inY;
  }
  const u = nx * xPart + ny * yPart;
  const k = nx * ny;
  const N = nx + ny;
  const statistic = u / (k * N) - (4 * k - 1) / (6 * N);
  if (Math.max(nx, ny) <= EXACT_MAX_N) return { statistic, pValue: exactPValue(u, nx, ny) };
  const expected = (1 + 1 / N) / 6;
  const variance = ((N + 1) * (4 * k * N - 3 * (nx ** 2 + ny ** 2) - 2 * k)) / (45 * N ** 2 * 4 * k);
  const standardised = 1 / 6 + (statistic - expected) / Math.sqrt(45 * variance);
  const pValue = standardised < 0.003 ? 1 : Math.max(0, 1 - limitingCdf(standardised));
  return { statistic, pValue };
}

/**
 * P(U >= u) counting lattice paths: for each path from (0,0) to (m,n), the sum over its points of
 * (a*v - b*w)^2 with a = lcm/m, b = lcm/n; distributions built column by column as value -> count.
 */
function exactPValue(u: number, m: number, n: number): number {
  const lcm = (m * n) / gcd(m, n);
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const threshold = Math.floor((lcm ** 2 * (m + n) * (6 * u - mn * (4 * mn - 1))) / (6 * mn ** 2));
  let previous: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 1; v <= m; v++) previous.push(new Map());
  for (let w = 0; w <= n; w++) {
    const next: Map<number, number>[] = [];
    let running = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const merged = new Map<number, number>();
      const step = (a * v - b * w) ** 2;
      for (const [value, count] of running) merged.set(value + step, count);
      for (const [value, count] of previous[v]!) {
        merged.set(value + step, (merged.get(value + step) ?? 0) + count);
      }
      next.push(merged);
      running = merged;
    }
    previous = next;
  }
  let tail = 0;
  let all = 0;
  for (const [value, count] of previous[m]!) {
    all += count;
    if (value >= threshold) tail += count;
  }
  return tail / all;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * The limiting CDF of the Cramér-von Mises statistic (Csörgő & Faraway 1996, eq. 1.2), summed until a
 * term falls below 1e-7 as scipy does; K_{1/4} by the trapezoidal rule on its cosh integral.
 */
function limitingCdf(x: number): number {
  let total = 0;
  for (let k = 0; ; k++) {
    const scale = Math.exp(gammaln(k + 0.5) - gammaln(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const term = scale * Math.sqrt(y) * scaledBesselK(0.25, q);
    total += term;
    if (Math.abs(term) < 1e-7) return total;
  }
}

/**
 * e^(-x) K_nu(x) = integral over t >= 0 of exp(-x (1 + cosh t)) cosh(nu t) dt. The integrand is
 * analytic and falls doubly exponentially, so the trapezoidal rule converges geometrically in the
 * step; h = 0.02 is far past double precision for the x this sees (>= 1/(16 x_max)).
 */
function scaledBesselK(nu: number, x: number): number {
  const h = 0.02;
  let sum = 0.5 * Math.exp(-2 * x);
  for (let i = 1; ; i++) {
    const t = i * h;
    const term = Math.exp(-x * (1 + Math.cosh(t))) * Math.cosh(nu * t);
    sum += term;
    if (term <= 1e-18 * sum || t > 60) break;
  }
  return sum * h;
}
