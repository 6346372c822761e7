import { Badge } from '@mantine/core';
import type { JobStatus } from '../../../shared/contract/index.js';

const colors: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'accent',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return (
    <Badge
      size="sm"
      variant={status === 'running' ? 'filled' : 'light'}
      color={colors[status]}
      tt="none"
      data-testid="job-status"
    >
      {status}
    </Badge>
  );
}
