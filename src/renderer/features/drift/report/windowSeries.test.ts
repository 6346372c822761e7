import { describe, expect, it } from 'vitest';
import type { DriftWindow } from '../../../../shared/contract/drift.js';
import { firstColumnCrossing, firstCrossing, windowSeries } from './windowSeries.js';

const window = (hour: number, share: number | null, columns: DriftWindow['columns'] = {}): DriftWindow => ({
  start: `2026-01-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
  end: `2026-01-01T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
  rows: 10,
  share,
  drift: share === null ? null : share >= 0.5,
  columns,
});

describe('windowSeries', () => {
  it('puts each window at its start time with the share in percent and the chosen column beside', () => {
    const points = windowSeries(
      [window(0, 0.25, { age: { score: 0.3, drift: false } }), window(1, null, {})],
      'age',
    );
    expect(points.map((p) => [p.at, p.sharePercent, p.score, p.columnDrift])).toEqual([
      [Date.UTC(2026, 0, 1, 0), 25, 0.3, false],
      [Date.UTC(2026, 0, 1, 1), null, null, null],
    ]);
  });
});

describe('firstCrossing', () => {
  it('finds the first window at or past the threshold, skipping windows too small to compare', () => {
    const points = windowSeries([window(0, 0.2), window(1, null), window(2, 0.5), window(3, 0.9)]);
    expect(firstCrossing(points, 50)?.start).toBe('2026-01-01T02:00:00.000Z');
  });

  it('is null when no window reached the threshold', () => {
    expect(firstCrossing(windowSeries([window(0, 0.2), window(1, 0.49)]), 50)).toBeNull();
  });
});

describe('firstColumnCrossing', () => {
  it('follows the column’s own drift flag, not the data set share', () => {
    const points = windowSeries(
      [
        window(0, 0.9, { age: { score: 0.01, drift: false } }),
        window(1, 0.1, { age: { score: 0.2, drift: true } }),
      ],
      'age',
    );
    expect(firstColumnCrossing(points)?.start).toBe('2026-01-01T01:00:00.000Z');
  });
});
