import { useCall } from '../../app/query/useCall.js';

/** The saved reports, newest first; kept current by drift.changed (useDriftChangesSync). */
export function useDriftReports() {
  return useCall('drift.list', {});
}

/** One saved report: a report never changes once written, so it is fetched once. */
export function useDriftReport(id: string) {
  return useCall('drift.get', { id }, { staleTime: Number.POSITIVE_INFINITY });
}
