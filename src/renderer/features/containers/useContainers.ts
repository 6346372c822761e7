import { useCall } from '../../app/query/useCall.js';
import { jobOfBuild } from './buildJob.js';

// Docker's events keep the list current (useEngineChangesSync); the poll only catches what an
// engine's event stream lost (a remote engine's dropped connection).
const PS_POLL_MS = 15_000;

/** The workspace's builds, newest first; kept fresh by container job events (useJobEventsSync). */
export function useBuilds() {
  return useCall('containers.listBuilds', {});
}

/**
 * This workspace's deployments as the engine reports them (with `allWorkspaces`, every workspace's
 * on the engine): refetched on each engine event, and every 15 s while a screen that shows them is
 * mounted and the window is visible (TanStack Query pauses it in the background).
 */
export function useDeployments({ allWorkspaces = false }: { allWorkspaces?: boolean } = {}) {
  return useCall(
    'containers.ps',
    { all: true, allWorkspaces },
    { refetchInterval: PS_POLL_MS, staleTime: 0 },
  );
}

/** The jobs of this session, to tell which build is building now. */
export function useBuildJob(id: string) {
  const jobs = useCall('jobs.list', {});
  return jobOfBuild(jobs.data, id);
}
