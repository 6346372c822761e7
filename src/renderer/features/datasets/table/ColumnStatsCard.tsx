import { Group, Loader, Stack, Text } from '@mantine/core';
import {
  formatCount,
  formatMaybeNumber,
  formatNumber,
  formatPercent,
} from '../../../../shared/format/numbers.js';
import { useCall } from '../../../app/query/useCall.js';

/** A column's figures from the stored profile: fetched only when the card opens, cached for good. */
export function ColumnStatsCard({ slug, column }: { slug: string; column: string }) {
  const stats = useCall('datasets.columnStats', { slug, column }, { staleTime: Number.POSITIVE_INFINITY });
  if (stats.isPending) return <Loader size="xs" aria-label="Loading column statistics" />;
  if (stats.isError)
    return (
      <Text size="xs" c="dimmed">
        No statistics: {stats.error.message}
      </Text>
    );
  const { type, kind, missingPercent, distinct, min, max, mean } = stats.data;
  const rows: [string, string][] = [
    ['type', `${type} · ${kind}`],
    ['missing', formatPercent(missingPercent)],
    ['distinct', formatCount(distinct)],
    ['min', min === null ? '—' : formatMaybeNumber(min)],
    ['max', max === null ? '—' : formatMaybeNumber(max)],
    ...(mean === null ? [] : [['mean', formatNumber(mean)] as [string, string]]),
  ];
  return (
    <Stack gap={2} data-testid="column-stats" miw={180}>
      <Text size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
        {column}
      </Text>
      {rows.map(([label, value]) => (
        <Group key={label} justify="space-between" gap="md" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="xs" ff="monospace" ta="right" style={{ wordBreak: 'break-all' }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
