import { RingProgress, Loader } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { navigate } from '../navigation/route.js';
import { useCall } from '../query/useCall.js';
import classes from './StatusBar.module.css';

/** How many jobs are working, with their combined progress; a click opens the Jobs section. */
export function RunningJobsItem() {
  const jobs = useCall('jobs.list', {});
  const active = (jobs.data ?? []).filter((job) => job.status === 'running' || job.status === 'queued');
  const known = active.filter((job) => job.progress !== null);
  const fraction =
    known.length > 0 ? known.reduce((sum, job) => sum + (job.progress ?? 0), 0) / known.length : undefined;
  const label =
    active.length === 0
      ? 'No jobs running'
      : active.length === 1
        ? '1 job running'
        : `${active.length} jobs running`;

  return (
    <button
      type="button"
      className={classes.item}
      onClick={() => navigate({ section: 'jobs' })}
      data-testid="running-jobs"
      data-count={active.length}
      title="Open Jobs"
    >
      {active.length === 0 ? (
        <IconListCheck size={13} />
      ) : fraction === undefined ? (
        <Loader size={10} />
      ) : (
        <RingProgress
          size={16}
          thickness={2.5}
          roundCaps
          sections={[{ value: fraction * 100, color: 'accent' }]}
        />
      )}
      {label}
    </button>
  );
}
