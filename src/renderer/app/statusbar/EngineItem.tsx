import { Stack, Text, Tooltip } from '@mantine/core';
import { navigate } from '../navigation/route.js';
import { useCall } from '../query/useCall.js';
import classes from './StatusBar.module.css';

const POLL_MS = 10_000;

/** Docker engine state, asked every 10 s: green with its version, or red with what to do. */
export function EngineItem() {
  const engine = useCall('containers.engine', {}, { refetchInterval: POLL_MS, staleTime: 0 });
  const status = engine.data;
  const reachable = status?.reachable === true;
  const label = !status
    ? engine.isError
      ? 'Docker status unknown'
      : 'Docker…'
    : reachable
      ? `Docker ${status.version ?? ''}`.trim()
      : 'Docker not reachable';
  const color = !status
    ? 'var(--mantine-color-gray-5)'
    : reachable
      ? 'var(--mantine-color-green-6)'
      : 'var(--mantine-color-red-6)';
  const tooltip = status ? (
    reachable ? (
      <Stack gap={0}>
        <Text size="xs">Engine at {status.endpoint}</Text>
        <Text size="xs">
          {status.os}/{status.arch} · API {status.apiVersion} · {status.containersRunning ?? 0} running
        </Text>
      </Stack>
    ) : (
      <Stack gap={2} maw={360}>
        <Text size="xs">{status.error?.message ?? `No engine answers at ${status.endpoint}.`}</Text>
        {status.error?.hint && (
          <Text size="xs" c="dimmed" data-testid="engine-hint">
            {status.error.hint}
          </Text>
        )}
      </Stack>
    )
  ) : (
    'Asking the Docker engine…'
  );

  return (
    <Tooltip label={tooltip} multiline position="top-start">
      <button
        type="button"
        className={classes.item}
        onClick={() => navigate({ section: 'containers' })}
        data-testid="engine-status"
        data-reachable={status ? String(reachable) : undefined}
      >
        <span className={classes.dot} style={{ background: color }} aria-hidden />
        {label}
      </button>
    </Tooltip>
  );
}
