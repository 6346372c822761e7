import { Alert, Code, Group, Loader, Text } from '@mantine/core';
import { IconBrandDocker, IconPlugConnectedX } from '@tabler/icons-react';
import { engineName } from '../../../shared/containers/engineName.js';
import { formatCount } from '../../../shared/format/numbers.js';
import { useCall } from '../../app/query/useCall.js';
import { describeError } from '../../lib/describeError.js';

const POLL_MS = 10_000;

/** The engine builds and deployments need: its version and load on one line, or why it cannot be reached and what to do. */
export function EngineLine() {
  // The status bar asks the same query, so both show the same answer without asking twice.
  const engine = useCall('containers.engine', {}, { refetchInterval: POLL_MS, staleTime: 0 });
  if (engine.isPending) {
    return (
      <Group gap={6} px="md" py={6} data-testid="engine-line">
        <Loader size={12} />
        <Text size="xs" c="dimmed">
          Asking the Docker engine…
        </Text>
      </Group>
    );
  }
  const status = engine.data;
  if (!status?.reachable) {
    const problem = status?.error ?? (engine.isError ? describeError(engine.error) : undefined);
    return (
      <Alert
        color="red"
        variant="light"
        radius={0}
        py={8}
        icon={<IconPlugConnectedX size={16} />}
        title={problem?.message ?? `No Docker engine answers at ${status?.endpoint ?? 'its address'}.`}
        data-testid="engine-line"
        data-reachable="false"
      >
        <Text size="xs" data-testid="engine-line-hint">
          {problem?.hint ??
            'Start Docker (or Podman) on this machine, or point the workbench at one with DOCKER_HOST.'}{' '}
          Builds and deployments need it; the Dockerfiles of existing builds stay readable.
        </Text>
      </Alert>
    );
  }
  const name = engineName(status);
  return (
    <Group
      gap={8}
      px="md"
      py={5}
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
      data-testid="engine-line"
      data-reachable="true"
    >
      <IconBrandDocker size={15} stroke={1.6} color="var(--mantine-color-teal-text)" aria-hidden />
      <Text size="xs" className="mlw-truncate" style={{ minWidth: 0 }}>
        <Text span size="xs" fw={600}>
          {name} {status.version}
        </Text>
        <Text span size="xs" c="dimmed">
          {' '}
          {status.context ? `· context ${status.context} ` : ''}· {status.os}/{status.arch} · API{' '}
          {status.apiVersion} · {formatCount(status.containersRunning ?? 0)} running ·{' '}
          {formatCount(status.images ?? 0)} images · at{' '}
        </Text>
        <Code fz={11} bg="transparent" p={0}>
          {status.endpoint}
        </Code>
      </Text>
    </Group>
  );
}
