import { Stack, Text, Tooltip } from '@mantine/core';
import { engineName } from '../../../shared/containers/engineName.js';
import type { EngineStatus } from '../../../shared/contract/containers.js';
import { navigate } from '../navigation/route.js';
import { useCall } from '../query/useCall.js';
import classes from './StatusBar.module.css';

const POLL_MS = 10_000;

/** Docker engine state, asked every 10 s: green with its version, or red with what to do. */
export function EngineItem() {
  const engine = useCall('containers.engine', {}, { refetchInterval: POLL_MS, staleTime: 0 });
  const status = engine.data;
  const reachable = status?.reachable === true;
  const name = status ? engineName(status) : 'Docker';
  const origin = status ? originOf(status) : '';
  const label = !status
    ? engine.isError
      ? 'Docker status unknown'
      : 'Docker…'
    : reachable
      ? `${name} ${status.version ?? ''}${status.context ? ` · ${status.context}` : ''}`.trim()
      : `${name} not reachable`;
  const color = !status
    ? 'var(--mantine-color-gray-5)'
    : reachable
      ? 'var(--mantine-color-green-6)'
      : 'var(--mantine-color-red-6)';
  const tooltip = status ? (
    reachable ? (
      <Stack gap={0}>
        <Text size="xs">
          {status.product ?? name} at {status.endpoint}
          {origin}
        </Text>
        <Text size="xs">
          {status.os}/{status.arch} · API {status.apiVersion} · {status.containersRunning ?? 0} running
        </Text>
      </Stack>
    ) : (
      <Stack gap={2} maw={360}>
        <Text size="xs">
          {status.error?.message ?? `No engine answers at ${status.endpoint}.`}
          {origin}
        </Text>
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

/** Says which setting chose the engine, so a user can tell why the workbench talks to this one. */
function originOf(status: EngineStatus): string {
  switch (status.source) {
    case 'setting':
      return ' (--docker-host)';
    case 'DOCKER_HOST':
      return ' (DOCKER_HOST)';
    case 'context':
      return ` (Docker context ${status.context ?? ''})`;
    case 'podman':
      return " (Podman's socket: no Docker socket here)";
    default:
      return '';
  }
}
