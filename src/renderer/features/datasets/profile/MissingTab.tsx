import { ScrollArea, SimpleGrid, Stack } from '@mantine/core';
import { BarList } from '../../../components/charts/BarList.js';
import { formatCount, formatPercent } from '../../../../shared/format/numbers.js';
import { MissingPatterns } from './MissingPatterns.js';
import type { Profile } from './profileTypes.js';
import { EmptyTab, Section } from './TabState.js';

/** Where values are missing: each column's share, worst first, and which columns go missing together. */
export function MissingTab({ profile }: { profile: Profile }) {
  const gaps = profile.columns
    .filter((column) => column.missing > 0)
    .sort((a, b) => b.missingPercent - a.missingPercent);
  if (gaps.length === 0) {
    return (
      <EmptyTab title="No missing values" testId="missing-empty">
        Every one of the {formatCount(profile.columnCount)} columns has a value in all{' '}
        {formatCount(profile.rows)} rows.
      </EmptyTab>
    );
  }
  const complete = profile.columnCount - gaps.length;
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="lg" p="md" data-testid="missing-tab">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
          <Section
            title="Missing share by column"
            aside={`${formatCount(gaps.length)} with gaps${complete > 0 ? `, ${formatCount(complete)} complete` : ''}`}
          >
            <BarList
              items={gaps.map((column) => ({
                key: column.name,
                label: column.name,
                value: column.missingPercent,
              }))}
              xLabel="% of rows missing"
              valueName="Missing"
              formatValue={formatPercent}
              domainMax={100}
              truncate="middle"
              labelWidth={200}
              testId="missing-bars"
            />
          </Section>
          <Section
            title="Missingness patterns"
            aside={`${formatCount(profile.missingPatterns.length)} most common`}
          >
            {profile.missingPatterns.length > 0 ? (
              <MissingPatterns profile={profile} />
            ) : (
              <EmptyTab title="No patterns recorded" />
            )}
          </Section>
        </SimpleGrid>
      </Stack>
    </ScrollArea>
  );
}
