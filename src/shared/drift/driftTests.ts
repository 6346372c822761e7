/**
 * The drift tests the workbench offers, what each applies to and how its score reads. The names are
 * Evidently's, so a user's settings carry over. Implementations: ./statistics/.
 */
export const driftTestNames = [
  'ks',
  'chisquare',
  'z',
  'wasserstein',
  'psi',
  'kl_div',
  'jensenshannon',
  'hellinger',
  'anderson',
  'cramer_von_mises',
  'ed',
  'tvd',
  't_test',
  'mannw',
] as const;
export type DriftTestName = (typeof driftTestNames)[number];

/** How a column is compared: numeric values, or counts of categories (binary: exactly two). */
export const columnKinds = ['numeric', 'categorical', 'binary'] as const;
export type ColumnKind = (typeof columnKinds)[number];

export interface DriftTestInfo {
  /** As shown in tables and reports. */
  label: string;
  /** 'p_value': drift when p < threshold; 'distance': drift when the statistic >= threshold. */
  score: 'p_value' | 'distance';
  defaultThreshold: number;
  /** The column kinds it can compare; binary columns take every categorical test. */
  appliesTo: readonly ('numeric' | 'categorical')[];
}

export const driftTests: Readonly<Record<DriftTestName, DriftTestInfo>> = {
  ks: { label: 'Kolmogorov-Smirnov', score: 'p_value', defaultThreshold: 0.05, appliesTo: ['numeric'] },
  chisquare: { label: 'Chi-square', score: 'p_value', defaultThreshold: 0.05, appliesTo: ['categorical'] },
  z: { label: 'Proportions Z-test', score: 'p_value', defaultThreshold: 0.05, appliesTo: ['categorical'] },
  wasserstein: {
    label: 'Wasserstein (normed)',
    score: 'distance',
    defaultThreshold: 0.1,
    appliesTo: ['numeric'],
  },
  psi: { label: 'PSI', score: 'distance', defaultThreshold: 0.1, appliesTo: ['numeric', 'categorical'] },
  kl_div: {
    label: 'Kullback-Leibler',
    score: 'distance',
    defaultThreshold: 0.1,
    appliesTo: ['numeric', 'categorical'],
  },
  jensenshannon: {
    label: 'Jensen-Shannon',
    score: 'distance',
    defaultThreshold: 0.1,
    appliesTo: ['numeric', 'categorical'],
  },
  hellinger: {
    label: 'Hellinger',
    score: 'distance',
    defaultThreshold: 0.1,
    appliesTo: ['numeric', 'categorical'],
  },
  // Evidently's defaults for these two are 0.1, not the 0.05 of its other p-value tests.
  anderson: { label: 'Anderson-Darling', score: 'p_value', defaultThreshold: 0.1, appliesTo: ['numeric'] },
  cramer_von_mises: {
    label: 'Cramér-von Mises',
    score: 'p_value',
    defaultThreshold: 0.1,
    appliesTo: ['numeric'],
  },
  ed: { label: 'Energy distance', score: 'distance', defaultThreshold: 0.1, appliesTo: ['numeric'] },
  // Evidently's TVD reports a permutation-test p-value (1,000 seeded shuffles); ours is the distance.
  tvd: { label: 'Total variation', score: 'distance', defaultThreshold: 0.1, appliesTo: ['categorical'] },
  t_test: { label: 't-test', score: 'p_value', defaultThreshold: 0.05, appliesTo: ['numeric'] },
  mannw: { label: 'Mann-Whitney U', score: 'p_value', defaultThreshold: 0.05, appliesTo: ['numeric'] },
};

/** Evidently's default: exact tests on small baselines, distances on large ones (where p-values all go to 0). */
export const SMALL_BASELINE_ROWS = 1000;

export function defaultDriftTest(kind: ColumnKind, baselineRows: number): DriftTestName {
  if (baselineRows <= SMALL_BASELINE_ROWS)
    return kind === 'numeric' ? 'ks' : kind === 'binary' ? 'z' : 'chisquare';
  return kind === 'numeric' ? 'wasserstein' : 'jensenshannon';
}

export function testApplies(test: DriftTestName, kind: ColumnKind): boolean {
  return driftTests[test].appliesTo.includes(kind === 'binary' ? 'categorical' : kind);
}

/** Whether a score crosses its threshold, read the way its test reads. */
export function isDrift(test: DriftTestName, score: number, threshold: number): boolean {
  return driftTests[test].score === 'p_value' ? score < threshold : score >= threshold;
}

/** A numeric column with at most this many distinct values counts as categorical (Evidently's rule). */
export const MAX_NUMERIC_CATEGORIES = 5;
