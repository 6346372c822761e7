import type { Alert, ColumnProfile } from '../../../../shared/contract/profile.js';

/** ydata-profiling's names and default thresholds, so its users read our alerts the same way. */
export const ALERT_THRESHOLDS = {
  /** Share of missing cells from which a column is flagged (ydata flags any; we start at 5%). */
  missingShare: 0.05,
  /** ydata's categorical cardinality threshold. */
  highCardinality: 50,
  /** |skewness| above this (ydata's skewness_threshold). */
  skewness: 20,
  /** Share of zeros above this (ydata's p_zeros default). */
  zerosShare: 0.1,
  /** 1 - normalised entropy of the category frequencies above this (ydata's imbalance_threshold). */
  imbalance: 0.5,
  /** |correlation| above this (ydata's correlation threshold). */
  correlation: 0.9,
} as const;

const FRACTIONAL_TYPES = /^(FLOAT|DOUBLE|REAL|DECIMAL)/;

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

export function columnAlerts(column: ColumnProfile, rows: number): Alert[] {
  const alerts: Alert[] = [];
  const about = [column.name];
  const name = column.name;
  if (rows > 0 && column.count === 0)
    return [{ type: 'all_missing', columns: about, message: `${name} has no values at all`, value: rows }];
  if (column.distinct === 1)
    alerts.push({
      type: 'constant',
      columns: about,
      message: `${name} has one value only: ${column.min ?? ''}`,
      value: 1,
    });
  const missingShare = rows === 0 ? 0 : column.missing / rows;
  if (missingShare >= ALERT_THRESHOLDS.missingShare)
    alerts.push({
      type: 'missing',
      columns: about,
      message: `${name} is ${percent(missingShare)} missing`,
      value: missingShare,
    });
  if (column.kind === 'categorical' && column.distinct > ALERT_THRESHOLDS.highCardinality)
    alerts.push({
      type: 'high_cardinality',
      columns: about,
      message: `${name} has ${column.distinct} distinct values`,
      value: column.distinct,
    });
  if (column.count > 1 && column.distinct === column.count && column.kind !== 'boolean')
    alerts.push({
      type: 'unique',
      columns: about,
      // A measurement (DOUBLE, DECIMAL) is naturally distinct per row; only whole numbers and text
      // that never repeat suggest an identifier, which then should not be a model feature.
      message: FRACTIONAL_TYPES.test(column.type)
        ? `${name} has a different value in every row`
        : `${name} has a different value in every row (an ID?)`,
      value: 1,
    });
  const numeric = column.numeric;
  if (numeric) {
    if (numeric.skewness !== null && Math.abs(numeric.skewness) > ALERT_THRESHOLDS.skewness)
      alerts.push({
        type: 'skewed',
        columns: about,
        message: `${name} is highly skewed (γ1 = ${numeric.skewness.toFixed(1)})`,
        value: numeric.skewness,
      });
    const zerosShare = column.count === 0 ? 0 : numeric.zeros / column.count;
    if (zerosShare > ALERT_THRESHOLDS.zerosShare)
      alerts.push({
        type: 'zeros',
        columns: about,
        message: `${name} is ${percent(zerosShare)} zeros`,
        value: zerosShare,
      });
    if (numeric.infinities > 0)
      alerts.push({
        type: 'infinite',
        columns: about,
        message: `${name} has ${numeric.infinities} infinite values`,
        value: numeric.infinities,
      });
  }
  const counts = categoryCounts(column);
  if (counts.length > 1) {
    const imbalance = 1 - normalisedEntropy(counts);
    if (imbalance > ALERT_THRESHOLDS.imbalance)
      alerts.push({
        type: 'imbalance',
        columns: about,
        message: `${name} is highly imbalanced (${imbalance.toFixed(2)})`,
        value: imbalance,
      });
  }
  return alerts;
}

export function correlationAlerts(
  matrix: { columns: string[]; values: (number | null)[][] },
  method: string,
): Alert[] {
  const alerts: Alert[] = [];
  matrix.columns.forEach((a, i) => {
    matrix.columns.slice(i + 1).forEach((b, offset) => {
      const value = matrix.values[i]?.[i + 1 + offset] ?? null;
      if (value !== null && Math.abs(value) > ALERT_THRESHOLDS.correlation)
        alerts.push({
          type: 'high_correlation',
          columns: [a, b],
          message: `${a} is highly correlated with ${b} (${method} ${value.toFixed(3)})`,
          value,
        });
    });
  });
  return alerts;
}

export function duplicateAlert(duplicates: number, rows: number): Alert[] {
  if (duplicates === 0) return [];
  return [
    {
      type: 'duplicates',
      columns: [],
      message: `${duplicates} rows (${percent(duplicates / rows)}) duplicate an earlier row`,
      value: duplicates,
    },
  ];
}

/** Category frequencies for imbalance: booleans and categoricals whose every value is counted. */
function categoryCounts(column: ColumnProfile): number[] {
  if (column.boolean) return [column.boolean.trueCount, column.boolean.falseCount].filter((n) => n > 0);
  if (column.kind === 'categorical' && column.text && column.text.otherCount === 0)
    return column.text.topValues.map((v) => v.count);
  return [];
}

function normalisedEntropy(counts: number[]): number {
  const total = counts.reduce((sum, n) => sum + n, 0);
  const entropy = -counts.reduce((sum, n) => (n === 0 ? sum : sum + (n / total) * Math.log(n / total)), 0);
  return entropy / Math.log(counts.length);
}
