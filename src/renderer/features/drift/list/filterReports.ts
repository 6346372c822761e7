import type { DriftReportSummary } from '../../../../shared/contract/drift.js';

/** Case-insensitive match on a report's name and both sides' labels; every word must match. */
export function filterReports(reports: DriftReportSummary[], query: string): DriftReportSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return reports;
  return reports.filter((report) => {
    const haystack =
      `${report.id} ${report.baseline} ${report.current} ${report.drift ? 'drift' : 'no drift'}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
