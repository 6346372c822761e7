import type { AlertType } from './profileTypes.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * How much an alert should worry the user: a column that carries no information (all missing,
 * constant) or holds infinities breaks models outright; an ID-like column is worth knowing but
 * often intended.
 */
const SEVERITY: Record<AlertType, Severity> = {
  all_missing: 'error',
  constant: 'error',
  infinite: 'error',
  missing: 'warning',
  high_cardinality: 'warning',
  skewed: 'warning',
  zeros: 'warning',
  imbalance: 'warning',
  high_correlation: 'warning',
  duplicates: 'warning',
  unique: 'info',
};

export const severityColor: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };

/** The names users know from ydata-profiling. */
const LABELS: Record<AlertType, string> = {
  all_missing: 'All missing',
  constant: 'Constant',
  infinite: 'Infinite',
  missing: 'Missing',
  high_cardinality: 'High cardinality',
  skewed: 'Skewed',
  zeros: 'Zeros',
  imbalance: 'Imbalance',
  high_correlation: 'High correlation',
  duplicates: 'Duplicates',
  unique: 'Unique',
};

export function alertSeverity(type: AlertType): Severity {
  return SEVERITY[type];
}

export function alertLabel(type: AlertType): string {
  return LABELS[type];
}

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** Worst first, then by type, so the list reads from what breaks a model to what is merely notable. */
export function bySeverity<T extends { type: AlertType }>(alerts: T[]): T[] {
  return [...alerts].sort(
    (a, b) =>
      ORDER.indexOf(alertSeverity(a.type)) - ORDER.indexOf(alertSeverity(b.type)) ||
      a.type.localeCompare(b.type),
  );
}

/** Counts per severity, for the summary line above a list. */
export function severityCounts(types: AlertType[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const type of types) counts[alertSeverity(type)] += 1;
  return counts;
}
