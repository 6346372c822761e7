import { Badge, Group, Tabs } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatCount } from '../../../../shared/format/numbers.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import classes from '../../../components/layout/DetailLayout.module.css';
import { RemoveReportModal } from '../list/RemoveReportModal.js';
import { useDriftReport } from '../useDrift.js';
import { DriftColumnsTab } from './DriftColumnsTab.js';
import { DriftOverTime } from './DriftOverTime.js';
import { ReportHeader } from './ReportHeader.js';
import { SchemaIssues } from './SchemaIssues.js';

type Tab = 'columns' | 'time' | 'schema';

/** One saved report: its header, then the columns, drift over time (when windowed) and schema in tabs. */
export function DriftReportView({ id }: { id: string }) {
  const report = useDriftReport(id);
  const [tab, setTab] = useState<Tab>('columns');
  const [column, setColumn] = useState<string | undefined>(undefined);
  const [removing, setRemoving] = useState(false);

  if (report.isPending) return <LoadingState label="Opening the report…" />;
  if (report.isError)
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={report.error} />
      </div>
    );
  const data = report.data;
  const panel = (value: Tab, content: ReactNode) => (
    <Tabs.Panel value={value} className={classes.panel} data-testid={`drift-tab-panel-${value}`}>
      {content}
    </Tabs.Panel>
  );
  const drifted = data.columns.filter((c) => c.drift === true).length;
  const problems = data.schemaIssues.filter((issue) => issue.problem !== 'ignored').length;
  return (
    <div className={classes.root} data-testid="drift-report" data-id={id}>
      <ReportHeader report={data} onRemove={() => setRemoving(true)} />
      <Tabs
        value={tab}
        onChange={(value) => setTab((value as Tab | null) ?? 'columns')}
        keepMounted={false}
        className={classes.tabs}
      >
        <Tabs.List px="md">
          <Tabs.Tab value="columns" data-testid="drift-tab-columns">
            <Group gap={6} wrap="nowrap">
              Columns <Count value={data.columns.length} />
              {drifted > 0 && <Count value={drifted} color="red" title={`${drifted} drifted`} />}
            </Group>
          </Tabs.Tab>
          {data.windows !== null && (
            <Tabs.Tab value="time" data-testid="drift-tab-time">
              <Group gap={6} wrap="nowrap">
                Over time <Count value={data.windows.length} />
              </Group>
            </Tabs.Tab>
          )}
          <Tabs.Tab value="schema" data-testid="drift-tab-schema">
            <Group gap={6} wrap="nowrap">
              Schema <Count value={data.schemaIssues.length} color={problems > 0 ? 'orange' : 'gray'} />
            </Group>
          </Tabs.Tab>
        </Tabs.List>
        {panel('columns', <DriftColumnsTab columns={data.columns} selected={column} onSelect={setColumn} />)}
        {data.windows !== null && panel('time', <DriftOverTime report={data} />)}
        {panel('schema', <SchemaIssues issues={data.schemaIssues} />)}
      </Tabs>
      {removing && <RemoveReportModal id={id} onClose={() => setRemoving(false)} />}
    </div>
  );
}

function Count({ value, color = 'gray', title }: { value: number; color?: string; title?: string }) {
  return (
    <Badge size="xs" variant="light" color={color} className="mlw-num" title={title}>
      {formatCount(value)}
    </Badge>
  );
}
