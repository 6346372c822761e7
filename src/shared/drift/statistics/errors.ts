/** Why a drift statistic cannot be computed on the given input. */
export type DriftStatisticProblem =
  /** One side has no values (or no counts). */
  | 'EMPTY_SAMPLE'
  /** The test needs more values than one side has (Cramér-von Mises: two per side). */
  | 'TOO_FEW_VALUES'
  /** A value is NaN: drop missing values before sorting. */
  | 'NOT_A_NUMBER'
  /** The two count arrays do not describe the same categories. */
  | 'MISALIGNED_COUNTS'
  /** The t-test's samples have no variance (both constant), so t is undefined. */
  | 'NO_VARIANCE'
  /** The test does not apply to this kind of column (see driftTests[test].appliesTo). */
  | 'NOT_APPLICABLE';

export class DriftStatisticError extends Error {
  override readonly name = 'DriftStatisticError';

  constructor(
    readonly problem: DriftStatisticProblem,
    message: string,
  ) {
    super(message);
  }
}

export function requireValues(side: 'reference' | 'current', size: number, minimum = 1): void {
  if (size === 0) {
    throw new DriftStatisticError(
      'EMPTY_SAMPLE',
      `The ${side} sample is empty: a drift test needs values on both sides.`,
    );
  }
  if (size < minimum) {
    throw new DriftStatisticError(
      'TOO_FEW_VALUES',
      `The ${side} sample has ${size} value(s); this test needs at least ${minimum} on each side.`,
    );
  }
}
