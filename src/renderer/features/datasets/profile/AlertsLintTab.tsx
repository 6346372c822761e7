import { ScrollArea, Stack } from '@mantine/core';
import { formatCount } from '../../../../shared/format/numbers.js';
import { AlertCounts, AlertsList } from './AlertsList.js';
import { LintList } from './LintList.js';
import type { Profile } from './profileTypes.js';
import { EmptyTab, Section } from './TabState.js';

/** Everything the engine flagged: statistical alerts, then the lint that breaks pipelines later. */
export function AlertsLintTab({
  profile,
  onOpenColumn,
}: {
  profile: Profile;
  onOpenColumn: (column: string) => void;
}) {
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="lg" p="md" maw={1200} data-testid="alerts-lint-tab">
        <Section
          title={`Alerts (${formatCount(profile.alerts.length)})`}
          aside={<AlertCounts alerts={profile.alerts} />}
        >
          {profile.alerts.length === 0 ? (
            <EmptyTab title="No alerts" testId="alerts-empty">
              No column crossed a threshold (constant, missing share, cardinality, skewness, zeros, imbalance,
              correlation, duplicates).
            </EmptyTab>
          ) : (
            <AlertsList alerts={profile.alerts} onOpenColumn={onOpenColumn} />
          )}
        </Section>
        <Section title={`Lint findings (${formatCount(profile.lint.length)})`}>
          {profile.lint.length === 0 ? (
            <EmptyTab title="No lint findings" testId="lint-empty">
              No empty or unnamed columns, embedded line breaks, ragged rows or mixed types.
            </EmptyTab>
          ) : (
            <LintList findings={profile.lint} onOpenColumn={onOpenColumn} />
          )}
        </Section>
      </Stack>
    </ScrollArea>
  );
}
