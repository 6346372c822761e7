import { ScrollArea, Stack, Text } from '@mantine/core';
import type { DatasetManifest } from '../../../../shared/contract/index.js';
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDuration,
  formatPercent,
} from '../../../../shared/format/numbers.js';
import { AlertCounts, AlertsList } from './AlertsList.js';
import { FactsGrid, type Fact } from './FactsGrid.js';
import { KindsBreakdown } from './KindsBreakdown.js';
import type { Profile } from './profileTypes.js';
import { EmptyTab, Section } from './TabState.js';

/** The first look: the figures a user checks first, the kinds of columns, and what to worry about. */
export function OverviewTab({
  profile,
  manifest,
  onOpenColumn,
}: {
  profile: Profile;
  manifest: DatasetManifest;
  onOpenColumn: (column: string) => void;
}) {
  const { overview } = profile;
  const cells = profile.rows * profile.columnCount;
  const facts: Fact[] = [
    { label: 'Rows', value: formatCount(profile.rows), testId: 'overview-rows' },
    { label: 'Columns', value: formatCount(profile.columnCount), testId: 'overview-columns' },
    {
      label: 'Missing cells',
      value: formatCount(overview.missingCells),
      share: formatPercent(overview.missingCellsPercent),
      title: `${formatCount(overview.missingCells)} of ${formatCount(cells)} cells`,
      testId: 'overview-missing-cells',
    },
    {
      label: 'Duplicate rows',
      value: formatCount(overview.duplicateRows),
      share: formatPercent(overview.duplicateRowsPercent),
      testId: 'overview-duplicate-rows',
    },
    {
      label: 'Source file',
      value: overview.sourceSizeBytes === null ? '—' : formatBytes(overview.sourceSizeBytes),
      title: manifest.source.path ?? manifest.source.fileName,
    },
    {
      label: 'Parquet in workspace',
      value: overview.parquetSizeBytes === null ? '—' : formatBytes(overview.parquetSizeBytes),
    },
    {
      label: 'Profile',
      value: profile.mode === 'exact' ? 'exact' : `sampled, ${formatCount(profile.sampleRows ?? 0)} rows`,
      testId: 'overview-mode',
    },
    {
      label: 'Profiled in',
      value: formatDuration(profile.elapsedMs),
      title: `${profile.engine}, ${formatDateTime(profile.createdAt)}`,
    },
  ];
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="lg" p="md" maw={1200}>
        {profile.mode === 'sampled' && (
          <Text size="xs" c="orange" data-testid="sampled-note">
            Sampled profile: every figure describes {formatCount(profile.sampleRows ?? 0)} rows drawn
            uniformly from {formatCount(profile.rows)}.
          </Text>
        )}
        <Section title="Data set">
          <FactsGrid facts={facts} testId="overview-facts" />
        </Section>
        <Section title="Kinds of columns">
          <KindsBreakdown kinds={overview.kinds} total={profile.columnCount} />
        </Section>
        <Section
          title={`Alerts (${formatCount(profile.alerts.length)})`}
          aside={<AlertCounts alerts={profile.alerts} />}
          testId="overview-alerts"
        >
          {profile.alerts.length === 0 ? (
            <EmptyTab title="No alerts">
              No column is constant, missing-heavy, ID-like, skewed or highly correlated by the usual
              thresholds.
            </EmptyTab>
          ) : (
            <AlertsList alerts={profile.alerts} onOpenColumn={onOpenColumn} />
          )}
        </Section>
      </Stack>
    </ScrollArea>
  );
}
