import type { QueryClient } from '@tanstack/react-query';
import type { Job } from '../../../shared/contract/index.js';
import { callKey } from './useCall.js';
import { isFinished } from './useJobEventsSync.js';

/**
 * Resolves with a job's final snapshot. It watches the query cache that jobs.updated events write
 * into, so it costs no extra requests and sees exactly what the screens see.
 */
export function waitForJob(queryClient: QueryClient, id: string): Promise<Job> {
  const key = callKey('jobs.get', { id });
  return new Promise((resolve) => {
    const check = (): void => {
      const job = queryClient.getQueryData<Job>(key);
      if (job && isFinished(job)) {
        unsubscribe();
        resolve(job);
      }
    };
    const unsubscribe = queryClient.getQueryCache().subscribe(check);
    check();
  });
}
