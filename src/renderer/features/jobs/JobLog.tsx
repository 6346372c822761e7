import { Group, Pagination, ScrollArea, Text } from '@mantine/core';
import { useState } from 'react';
import type { JobLogLine } from '../../../shared/contract/index.js';
import { useCall } from '../../app/query/useCall.js';
import { LoadingState } from '../../components/CenteredState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatCount } from '../../../shared/format/numbers.js';
import classes from './JobLog.module.css';

const PAGE_SIZE = 200;

const levelColor: Record<JobLogLine['level'], string | undefined> = {
  info: undefined,
  warn: 'orange',
  error: 'red',
};

/** A job's log, a page at a time (logs are paged by the host so a long one never floods the window). */
export function JobLog({ jobId, running }: { jobId: string; running: boolean }) {
  const [page, setPage] = useState(1);
  const log = useCall(
    'jobs.log',
    { id: jobId, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    { refetchInterval: running ? 1_000 : false, placeholderData: (previous) => previous },
  );
  if (log.isPending) return <LoadingState label="Reading the log…" />;
  if (log.isError) return <ErrorAlert error={log.error} />;
  const { lines, total } = log.data;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div data-testid="job-log">
      <Group justify="space-between" mb={6}>
        <Text size="xs" c="dimmed">
          {total === 0 ? 'The log is empty.' : `${formatCount(total)} lines`}
        </Text>
        {pages > 1 && <Pagination size="xs" total={pages} value={page} onChange={setPage} />}
      </Group>
      {lines.length > 0 && (
        <ScrollArea.Autosize mah="calc(100dvh - 220px)" type="auto" className={classes.log}>
          {lines.map((line, i) => (
            <div key={(page - 1) * PAGE_SIZE + i} className={classes.line} data-testid="job-log-line">
              <span className={classes.time} title={line.at}>
                {line.at.slice(11, 23)}
              </span>
              <Text span size="xs" ff="monospace" c={levelColor[line.level]} className={classes.text}>
                {line.text}
              </Text>
            </div>
          ))}
        </ScrollArea.Autosize>
      )}
    </div>
  );
}
