import { Group, Progress, Text } from '@mantine/core';
import type { Job } from '../../shared/contract/index.js';
import { formatPercent } from '../../shared/format/numbers.js';

/**
 * A job's progress: a bar (striped while the work cannot say how far it is) with its stage and
 * percentage underneath.
 */
export function JobProgressBar({
  job,
  showStage = true,
}: {
  job: Pick<Job, 'progress' | 'stage' | 'status'>;
  showStage?: boolean;
}) {
  const active = job.status === 'running' || job.status === 'queued';
  const fraction = job.progress ?? (active ? 1 : 0);
  const color =
    job.status === 'failed'
      ? 'red'
      : job.status === 'cancelled'
        ? 'gray'
        : job.status === 'succeeded'
          ? 'teal'
          : 'accent';
  return (
    <div data-testid="job-progress" data-progress={job.progress ?? ''}>
      <Progress
        value={fraction * 100}
        size="sm"
        color={color}
        striped={active && job.progress === null}
        animated={active && job.progress === null}
        aria-label={job.stage || 'Progress'}
        transitionDuration={150}
      />
      {showStage && (
        <Group justify="space-between" gap="xs" wrap="nowrap" mt={2}>
          <Text size="xs" c="dimmed" className="mlw-truncate" title={job.stage}>
            {job.stage || (active ? 'Working…' : '')}
          </Text>
          {job.progress !== null && job.status !== 'failed' && job.status !== 'cancelled' && (
            <Text size="xs" c="dimmed" className="mlw-num">
              {formatPercent(job.progress * 100)}
            </Text>
          )}
        </Group>
      )}
    </div>
  );
}
