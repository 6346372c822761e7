import { Group, Paper, Stack, Text } from '@mantine/core';
import { useCall } from '../../app/query/useCall.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

/** The one real thing Containers can show today: whether the Docker engine answers. */
export function EnginePanel() {
  const engine = useCall('containers.engine', {}, { refetchInterval: 10_000, staleTime: 0 });
  if (engine.isError) return <ErrorAlert error={engine.error} />;
  const status = engine.data;
  if (!status) return null;
  if (!status.reachable) {
    return (
      <ErrorAlert
        error={
          status.error ?? {
            code: 'DOCKER_UNREACHABLE',
            message: `No Docker engine answers at ${status.endpoint}.`,
          }
        }
        title="Docker engine not reachable"
      />
    );
  }
  return (
    <Paper withBorder p="sm" w="100%" data-testid="engine-panel">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            Docker engine {status.version}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {status.endpoint}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {status.os}/{status.arch} · API {status.apiVersion} · {status.containersRunning ?? 0} containers
          running · {status.images ?? 0} images
        </Text>
      </Stack>
    </Paper>
  );
}
