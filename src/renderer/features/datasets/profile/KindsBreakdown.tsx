import { Group, Progress, Text, Tooltip } from '@mantine/core';
import { formatCount, formatPercent } from '../../../../shared/format/numbers.js';
import { kindColors } from '../detail/kindColors.js';
import type { ColumnKind, Profile } from './profileTypes.js';

const KIND_ORDER: ColumnKind[] = ['numeric', 'categorical', 'text', 'datetime', 'boolean', 'other'];

/** How many columns of each kind: one stacked bar for the proportions, a legend with the counts. */
export function KindsBreakdown({ kinds, total }: { kinds: Profile['overview']['kinds']; total: number }) {
  const present = KIND_ORDER.filter((kind) => (kinds[kind] ?? 0) > 0);
  return (
    <div data-testid="kinds-breakdown">
      <Progress.Root size={10} mb={8}>
        {present.map((kind) => {
          const count = kinds[kind] ?? 0;
          const percent = total > 0 ? (count / total) * 100 : 0;
          return (
            <Tooltip key={kind} label={`${kind}: ${formatCount(count)} (${formatPercent(percent)})`}>
              <Progress.Section value={percent} color={kindColors[kind]} />
            </Tooltip>
          );
        })}
      </Progress.Root>
      <Group gap="md">
        {present.map((kind) => (
          <Group key={kind} gap={6} wrap="nowrap" data-testid="kind-count" data-kind={kind}>
            <span
              style={{
                width: 8,
                height: 8,
                borderRadius: 2,
                background: `var(--mantine-color-${kindColors[kind]}-filled)`,
              }}
            />
            <Text size="xs" c="dimmed">
              {kind}
            </Text>
            <Text size="xs" fw={600} className="mlw-num">
              {formatCount(kinds[kind] ?? 0)}
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
