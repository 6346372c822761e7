import { CloseButton, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useDriftReports } from '../useDrift.js';
import { filterReports } from './filterReports.js';
import { RemoveReportModal } from './RemoveReportModal.js';
import { ReportListItem } from './ReportListItem.js';

/** The saved drift reports, newest first, with a search box. */
export function DriftReportList({ selected }: { selected: string | undefined }) {
  const reports = useDriftReports();
  const [query, setQuery] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);

  const body = (() => {
    if (reports.isPending) return <LoadingState label="Reading the reports…" />;
    if (reports.isError)
      return (
        <div style={{ padding: 8 }}>
          <ErrorAlert error={reports.error} />
        </div>
      );
    if (reports.data.length === 0)
      return (
        <Text size="xs" c="dimmed" px={12} data-testid="drift-reports-empty">
          No reports yet. Pick a baseline and the current data on the right and run a report: it is saved
          under drift/ in the workspace and listed here.
        </Text>
      );
    const shown = filterReports(reports.data, query);
    if (shown.length === 0)
      return (
        <Text size="xs" c="dimmed" px={12}>
          No report matches “{query}”.
        </Text>
      );
    return (
      <Stack gap={0} component="ul" p={0} m={0} aria-label="Drift reports" data-testid="drift-report-list">
        {shown.map((report) => (
          <ReportListItem
            key={report.id}
            report={report}
            selected={report.id === selected}
            onRemove={() => setRemoving(report.id)}
          />
        ))}
      </Stack>
    );
  })();

  return (
    <Stack gap={0} h="100%">
      <div style={{ padding: 8, flex: 'none' }}>
        <TextInput
          placeholder="Search reports"
          aria-label="Search reports"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          rightSection={
            query ? <CloseButton size="xs" aria-label="Clear search" onClick={() => setQuery('')} /> : null
          }
          data-testid="drift-search"
        />
      </div>
      <ScrollArea flex={1} type="auto" scrollbars="y">
        {body}
      </ScrollArea>
      {removing && <RemoveReportModal id={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}
