export interface Moments {
  mean: number;
  /** Sum of squared deviations from the mean. */
  sumSquares: number;
}

/** Two passes with compensated sums, so a million values keep full precision (numpy: pairwise sums). */
export function moments(values: Float64Array): Moments {
  const n = values.length;
  const mean = compensatedSum(values, 0, false) / n;
  return { mean, sumSquares: compensatedSum(values, mean, true) };
}

function compensatedSum(values: Float64Array, shift: number, square: boolean): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - shift;
    const term = square ? d * d : d;
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/** numpy.std (population, ddof = 0). */
export function populationStd(values: Float64Array): number {
  return Math.sqrt(moments(values).sumSquares / values.length);
}
