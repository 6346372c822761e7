import { WorkbenchError, datasetImportResultSchema, type Job } from '../../../../shared/contract/index.js';

export type ImportOutcome =
  { kind: 'succeeded'; slug: string } | { kind: 'failed'; error: unknown } | { kind: 'cancelled' };

/** What a finished `datasets.import` job means for the user. */
export function importOutcome(job: Job): ImportOutcome {
  if (job.status === 'cancelled') return { kind: 'cancelled' };
  if (job.status === 'failed') {
    return { kind: 'failed', error: job.error ?? internal('The import failed without saying why.') };
  }
  const result = datasetImportResultSchema.safeParse(job.result);
  return result.success
    ? { kind: 'succeeded', slug: result.data.slug }
    : { kind: 'failed', error: internal('The import finished without naming the data set it made.') };
}

function internal(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'INTERNAL', message, hint: 'Look at the job log under Jobs.' });
}
