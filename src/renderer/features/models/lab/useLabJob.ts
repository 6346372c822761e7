import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import type { Job } from '../../../../shared/contract/index.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';

/** The last job started per screen and model, so leaving the tab (it unmounts) and coming back finds it. */
const lastJobs = new Map<string, string>();

export interface LabJob<T> {
  job: Job | undefined;
  running: boolean;
  /** The finished job's result, parsed. */
  result: T | undefined;
  /** Why the job could not start, or why it failed. */
  error: unknown;
  start: (call: () => Promise<Job>) => Promise<void>;
  cancel: () => void;
}

/**
 * A lab job (benchmark, comparison) followed through the jobs.updated events that the query cache
 * receives: its progress while it runs, then its result or error.
 */
export function useLabJob<T>(key: string, parse: (result: unknown) => T): LabJob<T> {
  const client = useClient();
  const [jobId, setJobId] = useState(() => lastJobs.get(key));
  const [startError, setStartError] = useState<unknown>(undefined);
  const [starting, setStarting] = useState(false);
  const query = useCall(
    'jobs.get',
    { id: jobId ?? '' },
    { enabled: jobId !== undefined, staleTime: Number.POSITIVE_INFINITY },
  );
  const job = jobId === undefined ? undefined : query.data;
  const result = useMemo(
    () => (job?.status === 'succeeded' ? parse(job.result) : undefined),
    // The parser is the same function for a screen; the job snapshot is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [job],
  );
  const running = starting || job?.status === 'queued' || job?.status === 'running';
  const failed = job?.status === 'failed' ? new WorkbenchError(job.error!) : undefined;

  return {
    job,
    running,
    result,
    error: startError ?? failed ?? (query.isError ? query.error : undefined),
    start: async (call) => {
      setStartError(undefined);
      setStarting(true);
      try {
        const started = await call();
        lastJobs.set(key, started.id);
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
        notifications.show({ color: 'red', title: 'The job could not be cancelled', message: String(error) });
      });
    },
  };
}
