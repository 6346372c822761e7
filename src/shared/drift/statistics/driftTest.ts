import { driftTests, type DriftTestName } from '../driftTests.js';
import { andersonDarling } from './andersonDarling.js';
import { binCategories, binNumeric, type Proportions } from './binning.js';
import { chiSquareTest } from './chiSquare.js';
import { cramerVonMises } from './cramerVonMises.js';
import {
  hellingerNumeric,
  hellingerOfShares,
  jensenShannon,
  kullbackLeibler,
  populationStabilityIndex,
} from './divergences.js';
import { DriftStatisticError, requireValues } from './errors.js';
import { type KsMethod, kolmogorovSmirnov } from './kolmogorovSmirnov.js';
import { type Alternative, mannWhitney } from './mannWhitney.js';
import { type MergedPass, mergedPass } from './mergedPass.js';
import { populationStd } from './moments.js';
import { proportionsZTest } from './proportionsZTest.js';
import { tTest } from './tTest.js';

export interface DriftStatistic {
  /** The test's statistic: the distance itself for distance tests (what the threshold applies to). */
  statistic: number;
  /** The p-value for p-value tests (what the threshold applies to); null for distance tests. */
  pValue: number | null;
}

export interface NumericTestOptions {
  /** ks: scipy's method ('auto': exact while both samples have <= 10,000 values). */
  ksMethod?: KsMethod;
  /** mannw: Evidently asks for 'less'; SciPy's default is 'two-sided'. */
  mannWhitneyAlternative?: Alternative;
  /** t_test: Evidently uses SciPy's default, the pooled-variance (Student) test; false for Welch. */
  equalVariance?: boolean;
}

/** Evidently's floor under the reference standard deviation that norms the Wasserstein distance. */
export const WASSERSTEIN_MIN_NORM = 0.001;

/**
 * Every numeric test the workbench offers, on two samples each sorted ascending (sortValues) without
 * NaN. Several tests on the same pair share one walk over the merged values.
 */
export function numericDriftTests<T extends DriftTestName>(
  tests: readonly T[],
  reference: Float64Array,
  current: Float64Array,
  options: NumericTestOptions = {},
): Record<T, DriftStatistic> {
  requireValues('reference', reference.length);
  requireValues('current', current.length);
  let pass: MergedPass | undefined;
  let bins: Proportions | undefined;
  const sharedPass = (): MergedPass => (pass ??= mergedPass(reference, current));
  const sharedBins = (): Proportions => (bins ??= binNumeric(reference, current, sharedPass()));
  const results = {} as Record<T, DriftStatistic>;
  for (const test of tests) {
    if (!driftTests[test].appliesTo.includes('numeric')) throw notApplicable(test, 'numeric');
    results[test] = runNumeric(test, reference, current, options, sharedPass, sharedBins);
  }
  return results;
}

export function numericDriftTest(
  test: DriftTestName,
  reference: Float64Array,
  current: Float64Array,
  options: NumericTestOptions = {},
): DriftStatistic {
  return numericDriftTests([test], reference, current, options)[test];
}

function runNumeric(
  test: DriftTestName,
  reference: Float64Array,
  current: Float64Array,
  options: NumericTestOptions,
  pass: () => MergedPass,
  bins: () => Proportions,
): DriftStatistic {
  switch (test) {
    case 'ks': {
      const { statistic, pValue } = kolmogorovSmirnov(
        reference.length,
        current.length,
        pass(),
        options.ksMethod,
      );
      return { statistic, pValue };
    }
    case 'wasserstein':
      return {
        statistic: pass().wasserstein / Math.max(populationStd(reference), WASSERSTEIN_MIN_NORM),
        pValue: null,
      };
    case 'ed':
      return { statistic: Math.sqrt(2 * pass().squaredCdfDistance), pValue: null };
    case 'psi':
      return { statistic: populationStabilityIndex(bins()), pValue: null };
    case 'kl_div':
      return { statistic: kullbackLeibler(bins()), pValue: null };
    case 'jensenshannon':
      return { statistic: jensenShannon(bins()), pValue: null };
    case 'hellinger':
      return { statistic: hellingerNumeric(reference, current, pass()), pValue: null };
    case 'anderson':
      return andersonDarling(reference, current);
    case 'cramer_von_mises':
      requireValues('reference', reference.length, 2);
      requireValues('current', current.length, 2);
      return cramerVonMises(reference, current);
    case 't_test':
      return tTest(reference, current, options.equalVariance ?? true);
    case 'mannw':
      return mannWhitney(reference, current, options.mannWhitneyAlternative ?? 'less');
    default:
      throw notApplicable(test, 'numeric');
  }
}

/** The raw first Wasserstein distance (scipy.stats.wasserstein_distance), in the column's units. */
export function wassersteinDistance(reference: Float64Array, current: Float64Array): number {
  requireValues('reference', reference.length);
  requireValues('current', current.length);
  return mergedPass(reference, current).wasserstein;
}

/**
 * The categorical tests on counts per category, aligned between the sides (index k is the same
 * category on both). For z, index 0 must be the first category in sorted order, as Evidently takes it.
 */
export function categoricalDriftTest(
  test: DriftTestName,
  referenceCounts: Float64Array,
  currentCounts: Float64Array,
): DriftStatistic {
  if (referenceCounts.length !== currentCounts.length) {
    throw new DriftStatisticError(
      'MISALIGNED_COUNTS',
      `The reference has ${referenceCounts.length} categories and the current ${currentCounts.length}: align both on the union of categories (0 where one side has none).`,
    );
  }
  requireValues('reference', sumOf(referenceCounts));
  requireValues('current', sumOf(currentCounts));
  if (!driftTests[test].appliesTo.includes('categorical')) throw notApplicable(test, 'categorical');
  switch (test) {
    case 'chisquare':
      return chiSquareTest(referenceCounts, currentCounts);
    case 'z':
      return proportionsZTest(referenceCounts, currentCounts);
    case 'psi':
      return {
        statistic: populationStabilityIndex(binCategories(referenceCounts, currentCounts)),
        pValue: null,
      };
    case 'kl_div':
      return { statistic: kullbackLeibler(binCategories(referenceCounts, currentCounts)), pValue: null };
    case 'jensenshannon':
      return { statistic: jensenShannon(binCategories(referenceCounts, currentCounts)), pValue: null };
    case 'hellinger':
      return { statistic: hellingerOfShares(binCategories(referenceCounts, currentCounts)), pValue: null };
    case 'tvd':
      return { statistic: totalVariation(binCategories(referenceCounts, currentCounts)), pValue: null };
    default:
      throw notApplicable(test, 'categorical');
  }
}

/** Half the L1 distance between the category shares (Evidently's observed TVD). */
function totalVariation({ reference, current }: Proportions): number {
  let sum = 0;
  for (let k = 0; k < reference.length; k++) sum += Math.abs(reference[k]! - current[k]!);
  return 0.5 * sum;
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function notApplicable(test: DriftTestName, kind: 'numeric' | 'categorical'): DriftStatisticError {
  return new DriftStatisticError(
    'NOT_APPLICABLE',
    `The ${driftTests[test].label} test does not apply to ${kind} columns; pick one of the tests listed for them.`,
  );
}
