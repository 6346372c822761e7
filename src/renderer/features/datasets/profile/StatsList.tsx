import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export type StatRow = [label: string, value: ReactNode, share?: ReactNode];

/** A two-column statistics sheet: names left, figures right-aligned with an optional share slot. */
export function StatsList({ rows, testId }: { rows: StatRow[]; testId?: string }) {
  return (
    <Table withRowBorders data-testid={testId} style={{ tableLayout: 'fixed' }}>
      <Table.Tbody>
        {rows.map(([label, value, share]) => (
          <Table.Tr key={label} data-stat={label}>
            <Table.Td c="dimmed" style={{ width: '45%' }}>
              {label}
            </Table.Td>
            <Table.Td className="mlw-num" fw={500} data-testid="stat-value">
              {value ?? (
                <Text span size="xs" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td className="mlw-num" c="dimmed" style={{ width: '4.5em' }}>
              {share}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
