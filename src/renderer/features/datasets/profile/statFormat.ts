import { formatCount, formatNumber, formatPercent } from '../../../../shared/format/numbers.js';

/** A statistic that may be missing (null): the shared formatter, or a dash. */
export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatNumber(value);
}

/** A count's share of `of`, as a percentage; nothing when there is no whole. */
export function shareOf(count: number, of: number): string | undefined {
  return of > 0 ? formatPercent((count / of) * 100) : undefined;
}

export { formatCount };
