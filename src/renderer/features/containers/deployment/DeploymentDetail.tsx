import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconPlayerStop, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';
import {
  formatBinaryBytes,
  formatDateTime,
  formatNumber,
  formatPercent,
} from '../../../../shared/format/numbers.js';
import { navigate, routeHash } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { FactsGrid, type Fact } from '../../datasets/profile/FactsGrid.js';
import { modelItem } from '../../models/list/modelItem.js';
import { containerItem } from '../containerItem.js';
import { workspaceName } from '../list/workspaceName.js';
import { LoadTestTab } from '../loadtest/LoadTestTab.js';
import { DeploymentBadges } from '../StatusBadges.js';
import { useDeployments } from '../useContainers.js';
import { ExecTab } from './ExecTab.js';
import { LogsTab } from './LogsTab.js';
import { RemoveDeploymentModal } from './RemoveDeploymentModal.js';
import { StatsTab } from './StatsTab.js';
import { TryTab } from './TryTab.js';
import classes from '../../../components/layout/DetailLayout.module.css';
import { notifyError } from '../../../lib/notifyError.js';

type Tab = 'try' | 'loadtest' | 'logs' | 'stats' | 'exec';
const TABS: { value: Tab; label: string }[] = [
  { value: 'try', label: 'Try' },
  { value: 'loadtest', label: 'Load test' },
  { value: 'logs', label: 'Logs' },
  { value: 'stats', label: 'Stats' },
  { value: 'exec', label: 'Exec' },
];

/**
 * One deployment as `containers.ps` reports it (polled), with Try, Load test, Logs, Stats and Exec.
 * Names are the engine's, so one another workspace started opens here too, saying whose it is.
 */
export function DeploymentDetail({ name }: { name: string }) {
  const deployments = useDeployments({ allWorkspaces: true });
  if (deployments.isPending) return <LoadingState label="Asking the engine…" />;
  if (deployments.isError)
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={deployments.error} title="The engine did not list its containers" />
      </div>
    );
  const deployment = deployments.data.find((d) => d.name === name);
  if (!deployment)
    return (
      <EmptyTab title={`There is no deployment ${name}`} testId="deployment-missing">
        It was removed, or its container is gone from the engine. Run a built image to start another.
      </EmptyTab>
    );
  return <DeploymentView deployment={deployment} />;
}

function limitsFacts(deployment: Deployment): Fact[] {
  const { limits, capture } = deployment;
  const model = deployment.model;
  return [
    {
      label: 'Model',
      value: model ? (
        <Anchor
          href={routeHash({
            section: 'models',
            item: modelItem({ kind: 'registry', name: model.name, version: model.version }),
          })}
          size="xs"
          fw={600}
        >
          {model.name}@{model.version}
        </Anchor>
      ) : (
        '—'
      ),
      ...(model ? { title: `${model.name}@${model.version}` } : {}),
    },
    {
      label: 'Image',
      value: deployment.buildId ? (
        <Anchor
          href={routeHash({
            section: 'containers',
            item: containerItem({ kind: 'build', id: deployment.buildId }),
          })}
          size="xs"
          fw={600}
        >
          {deployment.image}
        </Anchor>
      ) : (
        deployment.image
      ),
      title: deployment.image,
    },
    {
      label: 'Memory limit',
      value: limits.memoryBytes === null ? 'none' : formatBinaryBytes(limits.memoryBytes),
      testId: 'deployment-memory-limit',
    },
    {
      label: 'CPU limit',
      value:
        limits.cpus === null ? 'none' : `${formatNumber(limits.cpus)} ${limits.cpus === 1 ? 'CPU' : 'CPUs'}`,
      testId: 'deployment-cpu-limit',
    },
    { label: 'Network', value: `${deployment.network}, port ${deployment.port}` },
    {
      label: 'Capture',
      value: capture ? `${formatPercent(capture.sampleRate * 100)} to ${capture.folder}/` : 'off',
      ...(capture ? { title: capture.folder } : {}),
    },
    { label: 'API key', value: deployment.auth ? 'required' : 'not required' },
    { label: 'Started', value: formatDateTime(deployment.createdAt), title: deployment.createdAt },
    { label: 'Container', value: deployment.containerId.slice(0, 12), title: deployment.containerId },
    ...(deployment.workspace?.current === true
      ? []
      : [
          {
            label: 'Workspace',
            value: workspaceName(deployment.workspace),
            ...(deployment.workspace?.path ? { title: deployment.workspace.path } : {}),
            testId: 'deployment-workspace',
          },
        ]),
  ];
}

function DeploymentView({ deployment }: { deployment: Deployment }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>('try');
  const [removing, setRemoving] = useState(false);
  const [stopping, setStopping] = useState(false);
  const running = deployment.state === 'running' || deployment.state === 'restarting';

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['containers.ps'] });
  const stop = async (): Promise<void> => {
    setStopping(true);
    try {
      await client.call('containers.stop', { name: deployment.name });
      await refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setStopping(false);
    }
  };

  return (
    <div
      className={classes.root}
      data-testid="deployment-detail"
      data-name={deployment.name}
      data-state={deployment.state}
    >
      <Stack gap={6} px="md" py="sm" className={classes.header}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={2} className="mlw-truncate" title={deployment.name} data-testid="deployment-name">
              {deployment.name}
            </Title>
            <DeploymentBadges deployment={deployment} />
            {deployment.auth && (
              <Badge size="sm" variant="outline" color="gray" tt="none" style={{ flex: 'none' }}>
                API key
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
            {running && (
              <Button
                variant="default"
                leftSection={<IconPlayerStop size={14} />}
                onClick={() => void stop()}
                loading={stopping}
                data-testid="deployment-stop"
              >
                Stop
              </Button>
            )}
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => setRemoving(true)}
              data-testid="deployment-remove"
            >
              Remove…
            </Button>
          </Group>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" ff="monospace" className="mlw-truncate" data-testid="deployment-url">
            {deployment.url}
          </Text>
          <CopyButton value={deployment.url} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy the URL'}>
                <ActionIcon
                  size="sm"
                  onClick={copy}
                  aria-label="Copy the URL"
                  color={copied ? 'teal' : 'gray'}
                >
                  {copied ? <IconCheck size={13} /> : <IconCopy size={13} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
          {deployment.state === 'exited' && deployment.exitCode !== null && (
            <Text size="xs" c="dimmed">
              · stopped with exit code {deployment.exitCode}
            </Text>
          )}
        </Group>
        <FactsGrid facts={limitsFacts(deployment)} testId="deployment-facts" />
      </Stack>
      <Tabs
        value={tab}
        onChange={(value) => setTab((value as Tab | null) ?? 'try')}
        keepMounted={false}
        className={classes.tabs}
      >
        <Tabs.List px="md">
          {TABS.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value} data-testid={`deployment-tab-${value}`}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="try" className={classes.panel} data-testid="deployment-panel-try">
          <TryTab deployment={deployment} />
        </Tabs.Panel>
        <Tabs.Panel value="loadtest" className={classes.panel} data-testid="deployment-panel-loadtest">
          <LoadTestTab deployment={deployment} />
        </Tabs.Panel>
        <Tabs.Panel value="logs" className={classes.panel} data-testid="deployment-panel-logs">
          <LogsTab deployment={deployment} />
        </Tabs.Panel>
        <Tabs.Panel value="stats" className={classes.panel} data-testid="deployment-panel-stats">
          <StatsTab deployment={deployment} />
        </Tabs.Panel>
        <Tabs.Panel value="exec" className={classes.panel} data-testid="deployment-panel-exec">
          <ExecTab deployment={deployment} />
        </Tabs.Panel>
      </Tabs>
      {removing && (
        <RemoveDeploymentModal
          deployment={deployment}
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            await client.call('containers.remove', { name: deployment.name });
            await refresh();
            setRemoving(false);
            navigate({ section: 'containers' });
          }}
        />
      )}
    </div>
  );
}
