import { describe, expect, it } from 'vitest';
import type { DriftReportSummary } from '../../../../shared/contract/drift.js';
import { filterReports } from './filterReports.js';

const report = (id: string, baseline: string, current: string, drift: boolean): DriftReportSummary => ({
  id,
  createdAt: '2026-01-01T00:00:00.000Z',
  baseline,
  current,
  compared: 3,
  drifted: drift ? 2 : 0,
  drift,
});

const reports = [
  report('2026-a', 'data set train', 'data set march', true),
  report('2026-b', 'data set train', 'captures of iris', false),
];

describe('filterReports', () => {
  it('matches every word against the name and both sides, ignoring case', () => {
    expect(filterReports(reports, 'TRAIN iris').map((r) => r.id)).toEqual(['2026-b']);
    expect(filterReports(reports, 'march').map((r) => r.id)).toEqual(['2026-a']);
    expect(filterReports(reports, '  ')).toHaveLength(2);
    expect(filterReports(reports, 'nothing')).toEqual([]);
  });
});
