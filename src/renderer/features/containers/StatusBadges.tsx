import { Badge, Group, Text } from '@mantine/core';
import type { BuildStatus } from '../../../shared/contract/containerBuilds.js';
import type { Deployment } from '../../../shared/contract/containerDeployments.js';

const buildColors: Record<BuildStatus | 'interrupted', string> = {
  prepared: 'gray',
  building: 'accent',
  built: 'teal',
  failed: 'red',
  cancelled: 'gray',
  interrupted: 'orange',
};

/** A build's status; `interrupted` is a record left at building with no job of this session behind it. */
export function BuildStatusBadge({ status }: { status: BuildStatus | 'interrupted' }) {
  return (
    <Badge
      size="sm"
      variant={status === 'building' ? 'filled' : 'light'}
      color={buildColors[status]}
      tt="none"
      style={{ flex: 'none' }}
      data-testid="build-status"
      data-status={status}
    >
      {status}
    </Badge>
  );
}

function stateColor(deployment: Pick<Deployment, 'state' | 'exitCode'>): string {
  switch (deployment.state) {
    case 'running':
      return 'teal';
    case 'restarting':
      return 'orange';
    case 'paused':
      return 'yellow';
    case 'dead':
      return 'red';
    case 'exited':
      return deployment.exitCode !== null && deployment.exitCode !== 0 ? 'red' : 'gray';
    default:
      return 'gray';
  }
}

const healthColors: Record<Deployment['health'], string> = {
  healthy: 'teal',
  starting: 'yellow',
  unhealthy: 'red',
  none: 'gray',
};

/** State, then health when the container has a health check, as two small badges. */
export function DeploymentBadges({
  deployment,
}: {
  deployment: Pick<Deployment, 'state' | 'health' | 'exitCode'>;
}) {
  const exited = deployment.state === 'exited' && deployment.exitCode !== null;
  return (
    <>
      <Badge
        size="sm"
        variant="light"
        color={stateColor(deployment)}
        tt="none"
        style={{ flex: 'none' }}
        data-testid="deployment-state"
        data-state={deployment.state}
      >
        {exited ? `exited (${deployment.exitCode})` : deployment.state}
      </Badge>
      {deployment.health !== 'none' && deployment.state === 'running' && (
        <Badge
          size="sm"
          variant="dot"
          color={healthColors[deployment.health]}
          tt="none"
          style={{ flex: 'none' }}
          data-testid="deployment-health"
          data-health={deployment.health}
        >
          {deployment.health}
        </Badge>
      )}
    </>
  );
}

/** Health as a coloured dot and a word, small enough for a list row. */
export function HealthDot({ health }: { health: Exclude<Deployment['health'], 'none'> }) {
  return (
    <Group
      gap={4}
      wrap="nowrap"
      style={{ flex: 'none' }}
      data-testid="deployment-item-health"
      data-health={health}
    >
      <span
        aria-hidden
        style={{
          width: 7,
          height: 7,
          borderRadius: '50%',
          background: `var(--mantine-color-${healthColors[health]}-filled)`,
        }}
      />
      <Text span size="xs" c="dimmed">
        {health}
      </Text>
    </Group>
  );
}
