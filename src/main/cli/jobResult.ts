import { WorkbenchError } from '../../shared/contract/errors.js';
import type { Job } from '../../shared/contract/jobs.js';

/** A finished job's result, or its error thrown (a cancelled job throws CANCELLED). */
export function jobResult(job: Job): unknown {
  if (job.status === 'succeeded') return job.result;
  throw new WorkbenchError(
    job.error ?? { code: 'INTERNAL', message: `${job.title} ended as ${job.status}.` },
  );
}
