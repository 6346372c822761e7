import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { contract, jobSchema, type Job } from '../../../../shared/contract/index.js';
import { useClient } from '../../../app/query/clientContext.js';
import type { WorkbenchClient } from '../../../lib/client.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';

const EXPORT_REPORT = 'datasets.exportReport';

/** The button shows only once the contract has the report export (the profile engine adds it). */
const canExport = EXPORT_REPORT in contract;

/**
 * Starts the export by name, checked at run time rather than by the contract's types, so this file
 * builds before and after the procedure lands; the answer is checked as a job.
 */
async function startExport(client: WorkbenchClient, slug: string): Promise<Job> {
  const loose = client as unknown as { call: (name: string, input: unknown) => Promise<unknown> };
  return jobSchema.parse(await loose.call(EXPORT_REPORT, { slug, format: 'html' }));
}

/**
 * Writes the profile as one self-contained HTML file through a job; the popover follows the job's
 * progress (from the jobs.updated cache) and then says where the file is.
 */
export function ExportReportButton({ slug }: { slug: string }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | undefined>(undefined);
  const [startError, setStartError] = useState<unknown>(undefined);
  const [opened, setOpened] = useState(false);
  const job = useCall('jobs.get', { id: jobId ?? '' }, { enabled: jobId !== undefined });
  if (!canExport) return null;

  const start = async (): Promise<void> => {
    setStartError(undefined);
    setOpened(true);
    try {
      const started = await startExport(client, slug);
      // An event may have overtaken this answer; the newer snapshot wins.
      queryClient.setQueryData(
        callKey('jobs.get', { id: started.id }),
        (known: Job | undefined) => known ?? started,
      );
      setJobId(started.id);
    } catch (error) {
      setStartError(error);
    }
  };

  const current = job.data;
  const running = current !== undefined && (current.status === 'running' || current.status === 'queued');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} withArrow shadow="md">
      <Popover.Target>
        <Button
          variant="default"
          leftSection={<IconFileExport size={14} />}
          loading={running}
          onClick={() => void start()}
          data-testid="export-report"
        >
          Export report
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="export-report-status">
        <ExportStatus job={current} error={startError} />
      </Popover.Dropdown>
    </Popover>
  );
}

function ExportStatus({ job, error }: { job: Job | undefined; error: unknown }) {
  if (error !== undefined) return <ErrorAlert error={error} title="Could not start the export" />;
  if (!job) {
    return (
      <Text size="xs" c="dimmed">
        Starting the export…
      </Text>
    );
  }
  if (job.status === 'failed') return <ErrorAlert error={job.error} title="The export failed" />;
  if (job.status === 'cancelled') return <Text size="xs">The export was cancelled.</Text>;
  if (job.status === 'succeeded') {
    const path = resultPath(job.result);
    return (
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          Report written
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text
            size="xs"
            ff="monospace"
            style={{ overflowWrap: 'anywhere' }}
            data-testid="export-report-path"
          >
            {path ?? 'in the data set folder'}
          </Text>
        </Group>
      </Stack>
    );
  }
  return <JobProgressBar job={job} />;
}

/** The job result is `{ path }` (contract summary); anything else is shown as unknown. */
function resultPath(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || !('path' in result)) return undefined;
  return typeof result.path === 'string' ? result.path : undefined;
}
