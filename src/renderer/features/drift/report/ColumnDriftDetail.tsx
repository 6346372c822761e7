import { Badge, CloseButton, Group, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { DriftColumn } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import { EmptyTab, Section } from '../../datasets/profile/TabState.js';
import { formatPValue, formatStatistic, thresholdRule } from '../driftFormat.js';
import { VerdictBadge } from '../VerdictBadge.js';
import { DistributionChart } from './DistributionChart.js';
import { SideStatsTable } from './SideStatsTable.js';

const KIND_SOURCE: Record<DriftColumn['kindSource'], string> = {
  detected: 'from its values',
  'few-values': 'five values or fewer',
  settings: 'set in the settings',
};

const TEST_SOURCE: Record<DriftColumn['testSource'], string> = {
  default: 'Evidently’s default for its kind and the baseline’s size',
  column: 'chosen for this column',
  kind: 'chosen for its kind',
};

/** One column in depth: its verdict and figures, both distributions overlaid, both sides' statistics. */
export function ColumnDriftDetail({ column, onClose }: { column: DriftColumn; onClose: () => void }) {
  const info = driftTests[column.test];
  return (
    <Stack gap={0} h="100%" data-testid="drift-column-detail" data-column={column.column}>
      <Group
        px="md"
        py={8}
        gap="xs"
        wrap="nowrap"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
      >
        <Title
          order={3}
          lineClamp={2}
          title={column.column}
          style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {column.column}
          {column.currentColumn !== column.column && (
            <Text span c="dimmed" fz="sm">
              {' '}
              → {column.currentColumn}
            </Text>
          )}
        </Title>
        <Badge
          size="sm"
          variant="light"
          color="gray"
          tt="none"
          title={`Read as ${column.kind}: ${KIND_SOURCE[column.kindSource]}`}
        >
          {column.kind}
        </Badge>
        <VerdictBadge drift={column.drift} testId="drift-detail-verdict" />
        <CloseButton size="sm" aria-label="Close column detail (Esc)" title="Close (Esc)" onClick={onClose} />
      </Group>
      <ScrollArea flex={1} type="auto">
        <Stack gap="md" p="md">
          {column.notComputable !== null ? (
            <Text size="sm" c="dimmed" data-testid="drift-detail-reason">
              Not compared: {column.notComputable}
            </Text>
          ) : (
            <Stack gap={6}>
              <Figure
                label="Test"
                value={info.label}
                title={`${info.label} · ${TEST_SOURCE[column.testSource]}`}
              />
              <SimpleGrid cols={3} spacing="xs" verticalSpacing={6} data-testid="drift-detail-figures">
                <Figure
                  label={info.score === 'p_value' ? 'Statistic' : 'Distance'}
                  value={formatStatistic(column.statistic)}
                  strong={info.score === 'distance'}
                />
                <Figure
                  label="p-value"
                  value={formatPValue(column.pValue)}
                  strong={info.score === 'p_value'}
                />
                <Figure label="Drift when" value={thresholdRule(column)} />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {info.label} was {TEST_SOURCE[column.testSource]}; {column.kind}{' '}
                {KIND_SOURCE[column.kindSource]}.
                {info.score === 'distance'
                  ? ' A distance has no p-value: the score is the distance itself.'
                  : ''}
              </Text>
            </Stack>
          )}
          <Section title="Distribution" aside="share of each side’s rows">
            {column.histogram ? (
              <DistributionChart histogram={column.histogram} column={column.currentColumn} />
            ) : (
              <EmptyTab title="No distribution to draw">A side has no values to count.</EmptyTab>
            )}
          </Section>
          <Section title="Both sides">
            <SideStatsTable baseline={column.baseline} current={column.current} />
          </Section>
          <Text size="xs" c="dimmed">
            ↑ ↓ move between columns · Esc closes
          </Text>
        </Stack>
      </ScrollArea>
    </Stack>
  );
}

function Figure({
  label,
  value,
  title,
  strong,
}: {
  label: string;
  value: string;
  title?: string;
  strong?: boolean;
}) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 500} className="mlw-truncate" title={title ?? value}>
        {value}
      </Text>
    </Stack>
  );
}
