import { Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatBytes, formatCount } from '../../../../shared/format/numbers.js';
import { ModelCheck } from '../check/ModelCheck.js';
import { GraphView } from '../graph/GraphView.js';
import { ModelOverview } from '../overview/ModelOverview.js';
import classes from './ModelDetail.module.css';

const TABS = ['overview', 'graph', 'check'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.some((tab) => tab === value);

/** One model file: its name and size, then Overview, Graph and Check tabs (the last one used is remembered). */
export function ModelDetail({ path }: { path: string }) {
  const inspected = useCall('models.inspect', { model: { kind: 'path', path } }, { staleTime: 30_000 });
  const [tab, setTab] = useLocalStorage<Tab>({ key: 'mlw-model-tab', defaultValue: 'overview' });
  const [focus, setFocus] = useState<{ node: string } | undefined>(undefined);

  if (inspected.isPending) return <LoadingState label="Reading the model…" />;
  if (inspected.isError) {
    return (
      <div style={{ padding: 16 }} data-testid="model-error">
        <ErrorAlert error={inspected.error} />
      </div>
    );
  }
  const { summary, findings } = inspected.data;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const name = path.split('/').pop() ?? path;
  const panel = (value: Tab, content: ReactNode) => (
    <Tabs.Panel value={value} className={classes.panel} data-testid={`model-tab-panel-${value}`}>
      {content}
    </Tabs.Panel>
  );
  return (
    <div className={classes.root} data-testid="model-detail" data-path={path}>
      <Stack gap={2} px="md" py="sm" className={classes.header}>
        <Group gap="sm" wrap="nowrap">
          <Title order={2} className="mlw-truncate" title={path} data-testid="model-name">
            {name}
          </Title>
          {errors > 0 && (
            <Badge color="red" variant="light" size="sm" style={{ flex: 'none' }}>
              {errors === 1 ? '1 error' : `${formatCount(errors)} errors`}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" className="mlw-truncate" title={summary.file.path}>
          {path} · {formatBytes(summary.file.bytes)} · {formatCount(summary.graph.nodes.length)} nodes
        </Text>
      </Stack>
      <Tabs
        value={tab}
        onChange={(value) => setTab(isTab(value) ? value : 'overview')}
        keepMounted={false}
        className={classes.tabs}
      >
        <Tabs.List px="md">
          <Tabs.Tab value="overview" data-testid="model-tab-overview">
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="graph" data-testid="model-tab-graph">
            Graph
          </Tabs.Tab>
          <Tabs.Tab value="check" data-testid="model-tab-check">
            <Group gap={6} wrap="nowrap">
              Check
              <Badge
                size="xs"
                variant="light"
                color={errors > 0 ? 'red' : findings.length > 0 ? 'orange' : 'gray'}
                className="mlw-num"
              >
                {formatCount(findings.length)}
              </Badge>
            </Group>
          </Tabs.Tab>
        </Tabs.List>
        {panel('overview', <ModelOverview summary={summary} />)}
        {panel('graph', <GraphView key={focus?.node} graph={summary.graph} focus={focus?.node} />)}
        {panel(
          'check',
          <ModelCheck
            findings={findings}
            onShowNode={(node) => {
              setFocus({ node });
              setTab('graph');
            }}
          />,
        )}
      </Tabs>
    </div>
  );
}
