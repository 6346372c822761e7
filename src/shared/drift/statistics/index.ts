export {
  categoricalDriftTest,
  numericDriftTest,
  numericDriftTests,
  wassersteinDistance,
  WASSERSTEIN_MIN_NORM,
  type DriftStatistic,
  type NumericTestOptions,
} from './driftTest.js';
export { DriftStatisticError, type DriftStatisticProblem } from './errors.js';
export { KS_EXACT_MAX_N, type KsMethod } from './kolmogorovSmirnov.js';
export type { Alternative } from './mannWhitney.js';
export { sortFiniteValues, sortValues } from './sortValues.js';
