import { CloseButton, ScrollArea, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { formatCount } from '../../../../shared/format/numbers.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { Section } from '../../datasets/profile/TabState.js';
import { jobOfBuild } from '../buildJob.js';
import type { ContainerTarget } from '../containerItem.js';
import { useBuilds, useDeployments } from '../useContainers.js';
import { BuildListItem } from './BuildListItem.js';
import { DeploymentListItem } from './DeploymentListItem.js';
import { filterBuilds, filterDeployments } from './filterContainers.js';

function Hint({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Text size="xs" c="dimmed" px={12} data-testid={testId}>
      {children}
    </Text>
  );
}

/**
 * Builds, then deployments, with one search box over both. The deployments are this workspace's;
 * other workspaces' on the same engine are shown, muted, only when asked for.
 */
export function ContainersList({ selected }: { selected: ContainerTarget | undefined }) {
  const builds = useBuilds();
  const [otherWorkspaces, setOtherWorkspaces] = useState(false);
  const deployments = useDeployments({ allWorkspaces: otherWorkspaces });
  const jobs = useCall('jobs.list', {});
  const [query, setQuery] = useState('');

  const buildsBody = (() => {
    if (builds.isPending) return <LoadingState label="Reading the builds…" />;
    if (builds.isError)
      return (
        <div style={{ padding: '8px 12px' }}>
          <ErrorAlert error={builds.error} />
        </div>
      );
    if (builds.data.length === 0)
      return <Hint testId="builds-empty">No builds yet. Build an image from a model version.</Hint>;
    const shown = filterBuilds(builds.data, query);
    if (shown.length === 0) return <Hint>No build matches “{query}”.</Hint>;
    return (
      <Stack gap={0} component="ul" p={0} m={0} aria-label="Builds" data-testid="build-list">
        {shown.map((record) => (
          <BuildListItem
            key={record.id}
            record={record}
            job={jobOfBuild(jobs.data, record.id)}
            selected={selected?.kind === 'build' && selected.id === record.id}
          />
        ))}
      </Stack>
    );
  })();

  const deploymentsBody = (() => {
    if (deployments.isPending) return <LoadingState label="Asking the engine…" />;
    // An unreachable engine is said once, by the engine line above; here only that there is no list.
    if (deployments.isError)
      return <Hint testId="deployments-unavailable">Deployments are listed once the engine answers.</Hint>;
    if (deployments.data.length === 0)
      return (
        <Hint testId="deployments-empty">
          {otherWorkspaces
            ? 'None on this engine. Open a built image and Run it on 127.0.0.1.'
            : 'None running. Open a built image and Run it on 127.0.0.1.'}
        </Hint>
      );
    const shown = filterDeployments(deployments.data, query);
    if (shown.length === 0) return <Hint>No deployment matches “{query}”.</Hint>;
    return (
      <Stack gap={0} component="ul" p={0} m={0} aria-label="Deployments" data-testid="deployment-list">
        {shown.map((deployment) => (
          <DeploymentListItem
            key={deployment.name}
            deployment={deployment}
            selected={selected?.kind === 'deployment' && selected.name === deployment.name}
          />
        ))}
      </Stack>
    );
  })();

  const count = (list: unknown[] | undefined) => (list ? ` (${formatCount(list.length)})` : '');
  return (
    <Stack gap={0} h="100%">
      <div style={{ padding: 8, flex: 'none' }}>
        <TextInput
          placeholder="Search builds and deployments"
          aria-label="Search builds and deployments"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          rightSection={
            query ? <CloseButton size="xs" aria-label="Clear search" onClick={() => setQuery('')} /> : null
          }
          data-testid="containers-search"
        />
      </div>
      <ScrollArea flex={1} type="auto" scrollbars="y">
        <Stack gap="md" pb="sm">
          <Section title={<span style={{ paddingLeft: 12 }}>Builds{count(builds.data)}</span>}>
            {buildsBody}
          </Section>
          <Section title={<span style={{ paddingLeft: 12 }}>Deployments{count(deployments.data)}</span>}>
            <div style={{ padding: '0 12px 6px' }}>
              <Switch
                size="xs"
                label="Show other workspaces' containers"
                checked={otherWorkspaces}
                onChange={(event) => setOtherWorkspaces(event.currentTarget.checked)}
                data-testid="deployments-other-workspaces"
              />
            </div>
            {deploymentsBody}
          </Section>
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
