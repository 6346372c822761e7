import { Badge, Group, Tabs } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { AlertsLintTab } from '../profile/AlertsLintTab.js';
import { ColumnsTab } from '../profile/ColumnsTab.js';
import { CorrelationsTab } from '../profile/CorrelationsTab.js';
import { ExportReportButton } from '../profile/ExportReportButton.js';
import { MissingTab } from '../profile/MissingTab.js';
import { OverviewTab } from '../profile/OverviewTab.js';
import { DatasetFacts } from './DatasetFacts.js';
import { DatasetTable } from './tableSlot.js';
import classes from '../../../components/layout/DetailLayout.module.css';

const TABS = ['overview', 'columns', 'table', 'correlations', 'missing', 'alerts'] as const;
type Tab = (typeof TABS)[number];

const isTab = (value: string | null): value is Tab => TABS.some((tab) => tab === value);

/** One data set: its header, then its profile in tabs (the last tab used is remembered). */
export function DatasetDetail({ slug }: { slug: string }) {
  // A data set never changes once imported, so its profile is fetched once.
  const dataset = useCall('datasets.get', { slug }, { staleTime: Number.POSITIVE_INFINITY });
  // Columns first: the column table is what this view showed before it had tabs (and what the import
  // tests look for); the last tab a user picks is remembered.
  const [tab, setTab] = useLocalStorage<Tab>({ key: 'mlw-dataset-tab', defaultValue: 'columns' });
  const [column, setColumn] = useState<string | undefined>(undefined);
  const openColumn = (name: string): void => {
    setColumn(name);
    setTab('columns');
  };

  if (dataset.isPending) return <LoadingState label="Opening the data set…" />;
  if (dataset.isError) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={dataset.error} />
      </div>
    );
  }
  const { manifest, profile } = dataset.data;
  const panel = (value: Tab, content: ReactNode) => (
    <Tabs.Panel value={value} className={classes.panel} data-testid={`tab-panel-${value}`}>
      {content}
    </Tabs.Panel>
  );
  const problems = profile.alerts.length + profile.lint.length;
  return (
    <div className={classes.root} data-testid="dataset-detail" data-slug={slug}>
      <DatasetFacts manifest={manifest} profile={profile} actions={<ExportReportButton slug={slug} />} />
      <Tabs
        value={tab}
        onChange={(value) => setTab(isTab(value) ? value : 'columns')}
        keepMounted={false}
        className={classes.tabs}
      >
        <Tabs.List px="md">
          <Tabs.Tab value="overview" data-testid="tab-overview">
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="columns" data-testid="tab-columns">
            <Group gap={6} wrap="nowrap">
              Columns <Count value={profile.columnCount} />
            </Group>
          </Tabs.Tab>
          <Tabs.Tab value="table" data-testid="tab-table">
            Table
          </Tabs.Tab>
          <Tabs.Tab value="correlations" data-testid="tab-correlations">
            Correlations
          </Tabs.Tab>
          <Tabs.Tab value="missing" data-testid="tab-missing">
            Missing
          </Tabs.Tab>
          <Tabs.Tab value="alerts" data-testid="tab-alerts">
            <Group gap={6} wrap="nowrap">
              Alerts &amp; lint <Count value={problems} warn />
            </Group>
          </Tabs.Tab>
        </Tabs.List>
        {panel('overview', <OverviewTab profile={profile} manifest={manifest} onOpenColumn={openColumn} />)}
        {panel('columns', <ColumnsTab profile={profile} selected={column} onSelect={setColumn} />)}
        {/* The virtualized grid comes from the table feature; until it exists the tab stays empty. */}
        {panel('table', DatasetTable ? <DatasetTable slug={slug} /> : null)}
        {panel('correlations', <CorrelationsTab profile={profile} />)}
        {panel('missing', <MissingTab profile={profile} />)}
        {panel('alerts', <AlertsLintTab profile={profile} onOpenColumn={openColumn} />)}
      </Tabs>
    </div>
  );
}

function Count({ value, warn = false }: { value: number; warn?: boolean }) {
  return (
    <Badge size="xs" variant="light" color={warn && value > 0 ? 'orange' : 'gray'} className="mlw-num">
      {formatCount(value)}
    </Badge>
  );
}
