import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Job } from '../../../shared/contract/index.js';
import { callKey } from './useCall.js';
import { debounceWithMaxWait } from '../../lib/debounce.js';
import { useClient } from './clientContext.js';

const QUIET_MS = 250;
const MAX_WAIT_MS = 1_000;

export function isFinished(job: Job): boolean {
  return job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';
}

/**
 * Keeps cached jobs current from the `jobs.updated` stream: each event is written straight into the
 * job's own entry and the jobs list (progress must move at once), while the lists are refetched
 * debounced, and data sets only when a job has ended, since only a finished job can add one. A
 * container job changes its build's status as it starts and ends, so the builds list follows every
 * such event; a build's detail, the deployments (verification runs a container) and the saved load
 * tests follow its end.
 */
export function useJobEventsSync(): void {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(() => {
    const refresh = debounceWithMaxWait(QUIET_MS, MAX_WAIT_MS);
    let datasetsChanged = false;
    let buildsChanged = false;
    let containerJobEnded = false;
    const stop = client.subscribe('jobs.updated', (job) => {
      writeJob(queryClient, job);
      const containerJob = job.kind.startsWith('containers.');
      if (isFinished(job)) datasetsChanged = true;
      if (containerJob) buildsChanged = true;
      if (containerJob && isFinished(job)) containerJobEnded = true;
      refresh.schedule(() => {
        void queryClient.invalidateQueries({ queryKey: ['jobs.list'] });
        if (datasetsChanged) void queryClient.invalidateQueries({ queryKey: ['datasets.list'] });
        if (buildsChanged) void queryClient.invalidateQueries({ queryKey: ['containers.listBuilds'] });
        if (containerJobEnded) {
          void queryClient.invalidateQueries({ queryKey: ['containers.getBuild'] });
          void queryClient.invalidateQueries({ queryKey: ['containers.ps'] });
          void queryClient.invalidateQueries({ queryKey: ['containers.listLoadtests'] });
        }
        datasetsChanged = false;
        buildsChanged = false;
        containerJobEnded = false;
      });
    });
    return () => {
      stop();
      refresh.cancel();
    };
  }, [client, queryClient]);

  // Events sent while the socket was down are lost; refetch everything once it is back.
  useEffect(() => {
    let previous = client.connectionState();
    return client.onConnectionChange((state) => {
      if (state === 'open' && previous !== 'open') void queryClient.invalidateQueries();
      previous = state;
    });
  }, [client, queryClient]);
}

function writeJob(queryClient: QueryClient, job: Job): void {
  queryClient.setQueryData(callKey('jobs.get', { id: job.id }), job);
  queryClient.setQueryData(callKey('jobs.list', {}), (jobs: Job[] | undefined) => {
    if (!jobs) return jobs;
    const at = jobs.findIndex((known) => known.id === job.id);
    if (at === -1) return [job, ...jobs];
    return jobs.map((known, i) => (i === at ? job : known));
  });
}
