import type { DriftWindow } from '../../../../shared/contract/drift.js';

/** One window as the over-time chart plots it: shares in percent, the chosen column's score beside. */
export interface WindowPoint {
  /** Epoch milliseconds of the window's start: the x axis is time, so gaps between windows show. */
  at: number;
  start: string;
  end: string;
  rows: number;
  /** Percent of the window's compared columns that drifted; null when too few rows to compare. */
  sharePercent: number | null;
  drift: boolean | null;
  /** The chosen column's score in this window, when a column is chosen. */
  score: number | null;
  columnDrift: boolean | null;
}

export function windowSeries(windows: readonly DriftWindow[], column?: string): WindowPoint[] {
  return windows.map((window) => {
    const own = column === undefined ? undefined : window.columns[column];
    return {
      at: Date.parse(window.start),
      start: window.start,
      end: window.end,
      rows: window.rows,
      sharePercent: window.share === null ? null : window.share * 100,
      drift: window.drift,
      score: own?.score ?? null,
      columnDrift: own?.drift ?? null,
    };
  });
}

/**
 * The first window whose share of drifted columns reached the data set's threshold (the same rule
 * as the report's verdict), or null when none did.
 */
export function firstCrossing(points: readonly WindowPoint[], thresholdPercent: number): WindowPoint | null {
  return (
    points.find((point) => point.sharePercent !== null && point.sharePercent >= thresholdPercent) ?? null
  );
}

/** The first window in which the chosen column itself drifted (its own test and threshold). */
export function firstColumnCrossing(points: readonly WindowPoint[]): WindowPoint | null {
  return points.find((point) => point.columnDrift === true) ?? null;
}
