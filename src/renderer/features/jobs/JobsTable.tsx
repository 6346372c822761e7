import { ActionIcon, Center, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconListCheck, IconPlayerStop } from '@tabler/icons-react';
import type { Job } from '../../../shared/contract/index.js';
import { navigate } from '../../app/navigation/route.js';
import { useClient } from '../../app/query/clientContext.js';
import { useCall } from '../../app/query/useCall.js';
import { LoadingState } from '../../components/CenteredState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { JobProgressBar } from '../../components/JobProgressBar.js';
import { formatDateTime, formatDuration } from '../../../shared/format/numbers.js';
import { jobDurationMs } from './jobTiming.js';
import { JobStatusBadge } from './JobStatusBadge.js';
import { useNow } from './useNow.js';
import classes from './JobsTable.module.css';
import { notifyError } from '../../lib/notifyError.js';

const isActive = (job: Job): boolean => job.status === 'running' || job.status === 'queued';

export function JobsTable({ selected }: { selected: string | undefined }) {
  const jobs = useCall('jobs.list', {});
  const now = useNow((jobs.data ?? []).some(isActive));

  if (jobs.isPending) return <LoadingState label="Loading jobs…" />;
  if (jobs.isError) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={jobs.error} />
      </div>
    );
  }
  if (jobs.data.length === 0) {
    return (
      <Center flex={1} data-testid="jobs-empty">
        <Stack align="center" gap={6} maw={420}>
          <IconListCheck size={36} stroke={1.4} color="var(--mantine-color-dimmed)" />
          <Text fw={600}>No jobs yet</Text>
          <Text size="sm" c="dimmed" ta="center">
            Anything that takes a while (importing a data set, later building an image or converting a model)
            runs as a job and shows up here with its progress and log.
          </Text>
        </Stack>
      </Center>
    );
  }
  return (
    <ScrollArea flex={1} type="auto">
      <Table stickyHeader highlightOnHover className={classes.table} data-testid="jobs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th w={260}>Progress</Table.Th>
            <Table.Th w={170}>Started</Table.Th>
            <Table.Th w={100} className="mlw-num">
              Duration
            </Table.Th>
            <Table.Th w={44} aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.data.map((job) => (
            <JobRow key={job.id} job={job} now={now} selected={job.id === selected} />
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function JobRow({ job, now, selected }: { job: Job; now: number; selected: boolean }) {
  const client = useClient();
  const duration = jobDurationMs(job, now);
  const open = (): void => navigate({ section: 'jobs', item: job.id });
  const cancel = (): void => {
    client.call('jobs.cancel', { id: job.id }).catch((error: unknown) => {
      notifyError(error);
    });
  };
  return (
    <Table.Tr
      className={classes.row}
      data-selected={selected || undefined}
      data-testid="job-row"
      data-status={job.status}
      tabIndex={0}
      aria-label={`${job.title}, ${job.status}; open its log`}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      <Table.Td className={classes.title}>
        <Text size="xs" fw={500} className="mlw-truncate" title={job.title}>
          {job.title}
        </Text>
        {job.status === 'failed' && job.error && (
          <Text size="xs" c="red" className="mlw-truncate" title={job.error.message}>
            {job.error.message}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <JobStatusBadge status={job.status} />
      </Table.Td>
      <Table.Td>
        <JobProgressBar job={job} />
      </Table.Td>
      <Table.Td className="mlw-num" style={{ textAlign: 'left' }} title={job.startedAt ?? undefined}>
        {job.startedAt ? formatDateTime(job.startedAt) : '—'}
      </Table.Td>
      <Table.Td className="mlw-num">{duration === undefined ? '—' : formatDuration(duration)}</Table.Td>
      <Table.Td onClick={(event) => event.stopPropagation()}>
        {isActive(job) && (
          <Tooltip label="Cancel this job">
            <ActionIcon aria-label={`Cancel ${job.title}`} onClick={cancel} data-testid="job-cancel">
              <IconPlayerStop size={15} />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
