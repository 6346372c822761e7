import type { DriftColumn } from '../../../shared/contract/drift.js';
import { driftTests } from '../../../shared/drift/driftTests.js';
import { formatNumber } from '../../../shared/format/numbers.js';

/** p-values below this read as "<0.0001": the digits past it say nothing a user acts on. */
const SMALLEST_P = 1e-4;

export function formatPValue(p: number | null): string {
  if (p === null) return '—';
  if (p > 0 && p < SMALLEST_P) return '<0.0001';
  return formatNumber(p);
}

export function formatStatistic(value: number | null): string {
  return value === null ? '—' : formatNumber(value);
}

/** How the threshold reads for the column's test: "p < 0.05" or "≥ 0.1". */
export function thresholdRule(column: Pick<DriftColumn, 'test' | 'threshold'>): string {
  return driftTests[column.test].score === 'p_value'
    ? `p < ${formatNumber(column.threshold)}`
    : `≥ ${formatNumber(column.threshold)}`;
}

/** A digest as people compare them by eye: its first 12 hex digits. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** "3 of 5 columns drifted" with the plural right. */
export function driftedCount(drifted: number, compared: number): string {
  return `${drifted} of ${compared} column${compared === 1 ? '' : 's'} drifted`;
}
