import { Badge, CloseButton, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { formatCount } from '../../../../shared/format/numbers.js';
import { kindColors } from '../detail/kindColors.js';
import { AlertsList } from './AlertsList.js';
import { BooleanDetail } from './BooleanDetail.js';
import { DatetimeDetail } from './DatetimeDetail.js';
import { NumericDetail } from './NumericDetail.js';
import type { Alert, ColumnProfile } from './profileTypes.js';
import { shareOf } from './statFormat.js';
import { StatsList } from './StatsList.js';
import { EmptyTab, Section } from './TabState.js';
import { TextDetail } from './TextDetail.js';

/** One column in depth, chosen by its kind; the alerts about it come first. */
export function ColumnDetailPanel({
  column,
  alerts,
  onClose,
  onOpenColumn,
}: {
  column: ColumnProfile;
  alerts: Alert[];
  onClose: () => void;
  onOpenColumn: (column: string) => void;
}) {
  const own = alerts.filter((alert) => alert.columns.includes(column.name));
  const rows = column.count + column.missing;
  return (
    <Stack gap={0} h="100%" data-testid="column-detail" data-column={column.name} data-kind={column.kind}>
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
          title={column.name}
          style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {column.name}
        </Title>
        <Badge size="sm" variant="light" color={kindColors[column.kind]} tt="none" ff="monospace" fw={500}>
          {column.type}
        </Badge>
        <Text size="xs" c="dimmed">
          {column.kind}
        </Text>
        <CloseButton size="sm" aria-label="Close column detail (Esc)" title="Close (Esc)" onClick={onClose} />
      </Group>
      <ScrollArea flex={1} type="auto">
        <Stack gap="md" p="md">
          <StatsList
            testId="column-basics"
            rows={[
              ['Values', formatCount(column.count), shareOf(column.count, rows)],
              ['Missing', formatCount(column.missing), shareOf(column.missing, rows)],
              ['Distinct', formatCount(column.distinct), shareOf(column.distinct, column.count)],
            ]}
          />
          {own.length > 0 && (
            <Section title="Alerts">
              <AlertsList alerts={own} onOpenColumn={onOpenColumn} compact />
            </Section>
          )}
          <KindDetail column={column} />
          <Text size="xs" c="dimmed">
            ↑ ↓ move between columns · Esc closes
          </Text>
        </Stack>
      </ScrollArea>
    </Stack>
  );
}

function KindDetail({ column }: { column: ColumnProfile }) {
  if (column.numeric) return <NumericDetail column={column} stats={column.numeric} />;
  if (column.text) return <TextDetail column={column} stats={column.text} />;
  if (column.datetime) return <DatetimeDetail column={column} stats={column.datetime} />;
  if (column.boolean) return <BooleanDetail column={column} stats={column.boolean} />;
  return (
    <EmptyTab title="No further statistics for this kind">
      The engine profiles numeric, categorical, text, date and boolean columns in depth; this one is{' '}
      {column.type}.
    </EmptyTab>
  );
}
