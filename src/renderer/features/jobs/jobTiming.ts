import type { Job } from '../../../shared/contract/index.js';

/** How long a job has run: to its end, or until `now` while it is still going; undefined before it starts. */
export function jobDurationMs(job: Pick<Job, 'startedAt' | 'endedAt'>, now: number): number | undefined {
  if (!job.startedAt) return undefined;
  const end = job.endedAt ? Date.parse(job.endedAt) : now;
  return Math.max(0, end - Date.parse(job.startedAt));
}
