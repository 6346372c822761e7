import type { TestResult } from './chiSquare.js';
import { DriftStatisticError } from './errors.js';
import { tieGroups } from './tieGroups.js';

/** Scholz & Stephens (1987) Table 2: critical values b0 + b1/sqrt(m) + b2/m at these significance levels. */
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIGNIFICANCE = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

/**
 * scipy.stats.anderson_ksamp([reference, current], midrank=True): the standardised k-sample
 * Anderson-Darling statistic with ties at mid-ranks. Its p-value ("significance level", what Evidently
 * reads) is interpolated from the table by a quadratic in log p, and capped to [0.001, 0.25] outside it.
 */
export function andersonDarling(reference: Float64Array, current: Float64Array): TestResult {
  const sizes = [reference.length, current.length];
  const total = sizes[0]! + sizes[1]!;
  const groups = tieGroups(reference, current);
  if (groups.reference.length < 2) {
    throw new DriftStatisticError(
      'TOO_FEW_VALUES',
      'Anderson-Darling needs at least two distinct values over both samples.',
    );
  }
  const N = total;
  const sums = [0, 0];
  let below = 0;
  const seen = [0, 0];
  for (let g = 0; g < groups.reference.length; g++) {
    const counts = [groups.reference[g]!, groups.current[g]!];
    const tied = counts[0]! + counts[1]!;
    const midrank = below + tied / 2;
    const denominator = midrank * (N - midrank) - (N * tied) / 4;
    for (let s = 0; s < 2; s++) {
      const m = seen[s]! + counts[s]! - counts[s]! / 2;
      sums[s]! += ((tied / N) * (N * m - midrank * sizes[s]!) ** 2) / denominator;
      seen[s]! += counts[s]!;
    }
    below += tied;
  }
  const a2kN = ((sums[0]! / sizes[0]! + sums[1]! / sizes[1]!) * (N - 1)) / N;

  const k = 2;
  const H = 1 / sizes[0]! + 1 / sizes[1]!;
  let harmonicTail = 0;
  let g = 0;
  for (let j = N - 1, index = 0; j > 1; j--, index++) {
    harmonicTail += 1 / j;
    g += harmonicTail / (index + 2);
  }
  const h = harmonicTail + 1;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  const sigmaSquared = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const statistic = (a2kN - m) / Math.sqrt(sigmaSquared);
  const critical = B0.map((b0, i) => b0 + B1[i]! / Math.sqrt(m) + B2[i]! / m);
  let pValue: number;
  if (statistic < Math.min(...critical)) pValue = Math.max(...SIGNIFICANCE);
  else if (statistic > Math.max(...critical)) pValue = Math.min(...SIGNIFICANCE);
  else {
    const [c2, c1, c0] = quadraticLeastSquares(critical, SIGNIFICANCE.map(Math.log));
    pValue = Math.exp((c2 * statistic + c1) * statistic + c0);
  }
  return { statistic, pValue };
}

/** numpy.polyfit(x, y, 2): least squares by Householder QR of the column-scaled Vandermonde matrix. */
function quadraticLeastSquares(x: number[], y: number[]): [number, number, number] {
  const rows = x.length;
  const columns = 3;
  const matrix = x.map((v) => [v * v, v, 1]);
  const scale = [0, 1, 2].map((j) => Math.sqrt(matrix.reduce((s, row) => s + row[j]! ** 2, 0)));
  for (const row of matrix) for (let j = 0; j < columns; j++) row[j]! /= scale[j]!;
  const rhs = [...y];
  for (let j = 0; j < columns; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += matrix[i]![j]! ** 2;
    norm = Math.sqrt(norm);
    const alpha = matrix[j]![j]! > 0 ? -norm : norm;
    const v = new Array<number>(rows).fill(0);
    for (let i = j; i < rows; i++) v[i] = matrix[i]![j]!;
    v[j]! -= alpha;
    const vNorm = v.reduce((s, e) => s + e * e, 0);
    if (vNorm === 0) continue;
    for (let col = j; col < columns; col++) {
      let dot = 0;
      for (let i = j; i < rows; i++) dot += v[i]! * matrix[i]![col]!;
      for (let i = j; i < rows; i++) matrix[i]![col]! -= (2 * dot * v[i]!) / vNorm;
    }
    let dot = 0;
    for (let i = j; i < rows; i++) dot += v[i]! * rhs[i]!;
    for (let i = j; i < rows; i++) rhs[i]! -= (2 * dot * v[i]!) / vNorm;
  }
  const solution = [0, 0, 0];
  for (let j = columns - 1; j >= 0; j--) {
    let s = rhs[j]!;
    for (let col = j + 1; col < columns; col++) s -= matrix[j]![col]! * solution[col]!;
    solution[j] = s / matrix[j]![j]!;
  }
  return [solution[0]! / scale[0]!, solution[1]! / scale[1]!, solution[2]! / scale[2]!];
}
