import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';
import { formatBytes, formatPercent } from '../../../../shared/format/numbers.js';
import { useImportFlow, useImportJob } from './ImportFlowProvider.js';

/** The import in progress (upload, then job) with Cancel, or why the last one failed. */
export function ImportStatus() {
  const { state, cancel, dismiss } = useImportFlow();
  const job = useImportJob();

  // While the options dialog is open it is the status.
  if (state.phase === 'idle' || state.phase === 'options') return null;
  if (state.phase === 'failed') {
    return (
      <div data-testid="import-error">
        <ErrorAlert error={state.error} title={`Could not import ${state.fileName}`} onClose={dismiss} />
      </div>
    );
  }
  const uploading = state.phase === 'uploading';
  const uploaded = uploading && state.totalBytes > 0 ? state.sentBytes / state.totalBytes : 0;

  return (
    <Paper withBorder p="xs" data-testid="import-progress" data-phase={state.phase}>
      <Group wrap="nowrap" gap="md" align="center">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} className="mlw-truncate" title={state.fileName}>
            {uploading ? 'Uploading' : 'Importing'} {state.fileName}
          </Text>
          {uploading ? (
            <div>
              <Progress value={uploaded * 100} size="sm" aria-label="Upload progress" />
              <Group justify="space-between" mt={2}>
                <Text size="xs" c="dimmed">
                  {state.queued
                    ? 'Sending the file to the workbench; the import starts when it has arrived'
                    : 'Sending the file to the workbench'}
                </Text>
                <Text size="xs" c="dimmed" className="mlw-num">
                  {formatBytes(state.sentBytes)} of {formatBytes(state.totalBytes)} ·{' '}
                  {formatPercent(uploaded * 100)}
                </Text>
              </Group>
            </div>
          ) : (
            <JobProgressBar job={job ?? { progress: null, stage: 'Starting', status: 'queued' }} />
          )}
        </Stack>
        <Button
          variant="default"
          leftSection={<IconPlayerStop size={14} />}
          onClick={cancel}
          disabled={!uploading && (job?.status === 'succeeded' || job?.status === 'failed')}
          data-testid="import-cancel"
        >
          Cancel
        </Button>
      </Group>
    </Paper>
  );
}
