import { Group, Paper, Text } from '@mantine/core';

/** A measured figure in a bordered box: its label, the value large, and what it is out of. */
export function Figure({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap={6} align="baseline">
        <Text fz={22} fw={600} className="mlw-num" data-testid={testId}>
          {value}
        </Text>
        {detail && (
          <Text size="xs" c="dimmed" className="mlw-num">
            {detail}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
