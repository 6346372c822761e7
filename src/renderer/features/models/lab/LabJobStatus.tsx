import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import type { Job } from '../../../../shared/contract/index.js';
import { JobProgressBar } from '../../../components/JobProgressBar.js';

/** A running lab job: its title, progress and stage, and Cancel. */
export function LabJobStatus({
  job,
  onCancel,
  testId,
}: {
  job: Job | undefined;
  onCancel: () => void;
  testId: string;
}) {
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Group wrap="nowrap" gap="md" align="center">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} className="mlw-truncate" title={job?.title}>
            {job?.title ?? 'Starting…'}
          </Text>
          <JobProgressBar job={job ?? { progress: null, stage: 'Starting', status: 'queued' }} />
        </Stack>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlayerStop size={14} />}
          onClick={onCancel}
          disabled={!job}
          data-testid={`${testId}-cancel`}
        >
          Cancel
        </Button>
      </Group>
    </Paper>
  );
}
