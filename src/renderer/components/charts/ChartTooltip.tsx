import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The one tooltip look every chart shares: a title line, then label/value rows with figures aligned. */
export function ChartTooltipBox({ title, rows }: { title: ReactNode; rows: [string, ReactNode][] }) {
  return (
    <Paper withBorder shadow="sm" px={8} py={6} fz="xs" style={{ pointerEvents: 'none', maxWidth: 360 }}>
      <Text size="xs" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="chart-tooltip-title">
        {title}
      </Text>
      <table style={{ borderSpacing: 0 }}>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <td style={{ paddingRight: 12, color: 'var(--mantine-color-dimmed)' }}>{label}</td>
              <td className="mlw-num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Paper>
  );
}
