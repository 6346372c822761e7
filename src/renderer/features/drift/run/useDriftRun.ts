import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { driftReportSchema, type DriftRunRequest } from '../../../../shared/contract/drift.js';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/index.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { describeError } from '../../../lib/describeError.js';

/** The run started last, kept while the screen is left (the form unmounts) so coming back finds it. */
let lastJobId: string | undefined;

export interface DriftRun {
  job: Job | undefined;
  running: boolean;
  /** Why the run could not start, or why it failed. */
  error: unknown;
  start: (request: DriftRunRequest) => Promise<void>;
  cancel: () => void;
  /** Forgets a finished run (its error or its cancellation). */
  dismiss: () => void;
}

/**
 * A drift.run job followed through the jobs.updated events the query cache receives; once it
 * succeeds, `onReport` gets the saved report's id (once per run).
 */
export function useDriftRun(onReport: (id: string) => void): DriftRun {
  const client = useClient();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState(lastJobId);
  const [startError, setStartError] = useState<unknown>(undefined);
  const [starting, setStarting] = useState(false);
  const query = useCall(
    'jobs.get',
    { id: jobId ?? '' },
    { enabled: jobId !== undefined, staleTime: Number.POSITIVE_INFINITY },
  );
  const job = jobId === undefined ? undefined : query.data;

  useEffect(() => {
    if (job?.status !== 'succeeded') return;
    const parsed = driftReportSchema.safeParse(job.result);
    // Opening the report unmounts the form; the next one starts without this run.
    lastJobId = undefined;
    if (parsed.success) {
      queryClient.setQueryData(callKey('drift.get', { id: parsed.data.id }), parsed.data);
      onReport(parsed.data.id);
    }
  }, [job, onReport, queryClient]);

  const failed = job?.status === 'failed' && job.error ? new WorkbenchError(job.error) : undefined;
  return {
    job,
    running: starting || job?.status === 'queued' || job?.status === 'running',
    error: startError ?? failed ?? (query.isError ? query.error : undefined),
    start: async (request) => {
      setStartError(undefined);
      setStarting(true);
      try {
        const started = await client.call('drift.run', request);
        // An event may have overtaken this answer; the newer snapshot wins.
        queryClient.setQueryData(
          callKey('jobs.get', { id: started.id }),
          (known: Job | undefined) => known ?? started,
        );
        lastJobId = started.id;
        setJobId(started.id);
      } catch (error) {
        setStartError(error);
      } finally {
        setStarting(false);
      }
    },
    cancel: () => {
      if (jobId === undefined) return;
      client.call('jobs.cancel', { id: jobId }).catch((error: unknown) => {
        notifications.show({
          color: 'red',
          title: 'The run could not be cancelled',
          message: describeError(error).message,
        });
      });
    },
    dismiss: () => {
      lastJobId = undefined;
      setJobId(undefined);
      setStartError(undefined);
    },
  };
}
