import { Table } from '@mantine/core';
import type { SideColumnStats } from '../../../../shared/contract/drift.js';
import { formatCount, formatNumber, formatPercent } from '../../../../shared/format/numbers.js';

type Row = [label: string, (stats: SideColumnStats) => string];

const maybe = (value: number | null): string => (value === null ? '—' : formatNumber(value));

const ROWS: Row[] = [
  ['Rows', (s) => formatCount(s.rows)],
  [
    'Missing',
    (s) => `${formatCount(s.missing)} (${formatPercent(s.rows > 0 ? (s.missing / s.rows) * 100 : 0)})`,
  ],
  ['Distinct', (s) => (s.distinct === null ? '—' : formatCount(s.distinct))],
  ['Mean', (s) => maybe(s.mean)],
  ['Std', (s) => maybe(s.std)],
  ['Min', (s) => maybe(s.min)],
  ['Max', (s) => maybe(s.max)],
];

/** Both sides' figures for one column, side by side so they compare down a row. */
export function SideStatsTable({
  baseline,
  current,
}: {
  baseline: SideColumnStats;
  current: SideColumnStats;
}) {
  return (
    <Table withTableBorder={false} data-testid="drift-side-stats" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="34%" />
          <Table.Th className="mlw-num">Baseline</Table.Th>
          <Table.Th className="mlw-num">Current</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ROWS.map(([label, value]) => (
          <Table.Tr key={label} data-stat={label}>
            <Table.Td c="dimmed">{label}</Table.Td>
            <Table.Td className="mlw-num">{value(baseline)}</Table.Td>
            <Table.Td className="mlw-num">{value(current)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
