import { Drawer, Group, Stack, Text } from '@mantine/core';
import { useCall } from '../../app/query/useCall.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { JobProgressBar } from '../../components/JobProgressBar.js';
import { JobLog } from './JobLog.js';
import { JobStatusBadge } from './JobStatusBadge.js';

/** The side panel a job row opens: where the job is, why it failed, and its log. */
export function JobLogDrawer({ jobId, onClose }: { jobId: string | undefined; onClose: () => void }) {
  const job = useCall('jobs.get', { id: jobId ?? '' }, { enabled: jobId !== undefined });
  return (
    <Drawer
      opened={jobId !== undefined}
      onClose={onClose}
      position="right"
      size={640}
      title={
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} size="sm" className="mlw-truncate" maw={440}>
            {job.data?.title ?? 'Job'}
          </Text>
          {job.data && <JobStatusBadge status={job.data.status} />}
        </Group>
      }
      closeButtonProps={{ 'aria-label': 'Close the log' }}
      data-testid="job-drawer"
    >
      {job.isError && <ErrorAlert error={job.error} />}
      {job.data && jobId !== undefined && (
        <Stack gap="sm">
          <JobProgressBar job={job.data} />
          {/* A cancel is the user's own doing: the status badge says it, no error panel. */}
          {job.data.error && job.data.status !== 'cancelled' && <ErrorAlert error={job.data.error} />}
          <JobLog jobId={jobId} running={job.data.status === 'running' || job.data.status === 'queued'} />
        </Stack>
      )}
    </Drawer>
  );
}
