import { WorkbenchError, type Job } from '../../../../shared/contract/index.js';

export type ImportOutcome =
  { kind: 'succeeded'; slug: string } | { kind: 'failed'; error: unknown } | { kind: 'cancelled' };

/** What a finished `datasets.import` job means for the user; its result is `{ slug }`. */
export function importOutcome(job: Job): ImportOutcome {
  if (job.status === 'cancelled') return { kind: 'cancelled' };
  if (job.status === 'failed') {
    return { kind: 'failed', error: job.error ?? internal('The import failed without saying why.') };
  }
  const result = job.result as { slug?: unknown } | undefined;
  return typeof result?.slug === 'string'
    ? { kind: 'succeeded', slug: result.slug }
    : { kind: 'failed', error: internal('The import finished without naming the data set it made.') };
}

function internal(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'INTERNAL', message, hint: 'Look at the job log under Jobs.' });
}
