import type { BuildRecord, BuildStatus } from '../../../shared/contract/containerBuilds.js';
import type { Job } from '../../../shared/contract/jobs.js';

const BUILD_JOB_KINDS = new Set(['containers.build', 'containers.verify']);

/**
 * The newest job of this session that builds or verifies a build. The record does not name its job,
 * so the job is known by its kind and the build id that ends its title ("Build image of <id>").
 */
export function jobOfBuild(jobs: readonly Job[] | undefined, id: string): Job | undefined {
  let newest: Job | undefined;
  for (const job of jobs ?? []) {
    if (!BUILD_JOB_KINDS.has(job.kind) || !job.title.endsWith(` of ${id}`)) continue;
    if (!newest || job.createdAt > newest.createdAt) newest = job;
  }
  return newest;
}

export function isActiveJob(job: Job | undefined): boolean {
  return job?.status === 'queued' || job?.status === 'running';
}

/** The status to show: a record left at building by a process that is gone is interrupted, not building. */
export function shownBuildStatus(
  record: Pick<BuildRecord, 'status'>,
  job: Job | undefined,
): BuildStatus | 'interrupted' {
  if (isActiveJob(job)) return 'building';
  return record.status === 'building' ? 'interrupted' : record.status;
}

/** Wall time of the last build, once it has ended. */
export function buildDurationMs(record: Pick<BuildRecord, 'startedAt' | 'endedAt'>): number | undefined {
  if (!record.startedAt || !record.endedAt) return undefined;
  const ms = Date.parse(record.endedAt) - Date.parse(record.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
