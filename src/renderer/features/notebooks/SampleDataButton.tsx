import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlask } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { navigate } from '../../app/navigation/route.js';
import { useClient } from '../../app/query/clientContext.js';
import { useCall } from '../../app/query/useCall.js';
import { waitForJob } from '../../app/query/waitForJob.js';
import { describeError } from '../../lib/describeError.js';

/**
 * "Try the sample data": imports a bundled sample and opens its example notebook. For the Data
 * screen's empty state as well as the Notebooks screen.
 */
export function SampleDataButton({ variant = 'light' }: { variant?: 'light' | 'default' | 'filled' }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const samples = useCall('samples.list', {});
  const [busy, setBusy] = useState<string | null>(null);

  const importSample = async (id: string): Promise<void> => {
    setBusy(id);
    try {
      const { job, notebook } = await client.call('samples.import', { id });
      if (job) {
        const done = await waitForJob(queryClient, job.id);
        if (done.status !== 'succeeded') throw new Error(done.error?.message ?? 'The import did not finish.');
      }
      await queryClient.invalidateQueries({ queryKey: ['datasets.list'] });
      await queryClient.invalidateQueries({ queryKey: ['notebooks.list'] });
      navigate({ section: 'notebooks', item: notebook });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The sample could not be imported',
        message: describeError(error).message,
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Menu position="bottom" withinPortal>
      <Menu.Target>
        <Button
          variant={variant}
          leftSection={<IconFlask size={16} />}
          loading={busy !== null}
          data-testid="sample-data"
        >
          Try the sample data
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={360}>
        {(samples.data ?? []).map((sample) => (
          <Menu.Item
            key={sample.id}
            onClick={() => void importSample(sample.id)}
            data-testid="sample-item"
            data-sample={sample.id}
          >
            <Text size="sm" fw={500}>
              {sample.title}
            </Text>
            <Text size="xs" c="dimmed">
              {sample.description}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
