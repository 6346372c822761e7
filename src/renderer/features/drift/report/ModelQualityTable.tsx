import { Table, Text } from '@mantine/core';
import type { ModelQuality } from '../../../../shared/contract/drift.js';
import { formatCount, formatNumber } from '../../../../shared/format/numbers.js';

/** The drift service's metric keys as people read them, and which way is better. */
const METRICS: Record<string, { label: string; higherIsBetter: boolean }> = {
  accuracy: { label: 'Accuracy', higherIsBetter: true },
  f1: { label: 'F1', higherIsBetter: true },
  rocAuc: { label: 'ROC AUC', higherIsBetter: true },
  rmse: { label: 'RMSE', higherIsBetter: false },
  mae: { label: 'MAE', higherIsBetter: false },
};

const maybe = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : formatNumber(value);

/** The model's quality against the label on each side, a metric a row, with how it moved. */
export function ModelQualityTable({ baseline, current }: { baseline: ModelQuality; current: ModelQuality }) {
  const names = Object.keys({ ...baseline.metrics, ...current.metrics });
  return (
    <Table withTableBorder={false} layout="fixed" maw={560} data-testid="drift-model-quality">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="34%">
            <Text size="xs" c="dimmed" span>
              {current.task === 'classification' ? 'Classification' : 'Regression'}
            </Text>
          </Table.Th>
          <Table.Th className="mlw-num">Baseline</Table.Th>
          <Table.Th className="mlw-num">Current</Table.Th>
          <Table.Th className="mlw-num">Change</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {names.map((name) => {
          const before = baseline.metrics[name] ?? null;
          const after = current.metrics[name] ?? null;
          const known = METRICS[name];
          const change = before === null || after === null ? null : after - before;
          const worse =
            change === null || change === 0 || !known ? null : known.higherIsBetter ? change < 0 : change > 0;
          return (
            <Table.Tr key={name} data-metric={name}>
              <Table.Td c="dimmed">{known?.label ?? name}</Table.Td>
              <Table.Td className="mlw-num">{maybe(before)}</Table.Td>
              <Table.Td className="mlw-num">{maybe(after)}</Table.Td>
              <Table.Td className="mlw-num" c={worse === null ? 'dimmed' : worse ? 'red' : 'teal'}>
                {change === null ? '—' : `${change > 0 ? '+' : ''}${formatNumber(change)}`}
              </Table.Td>
            </Table.Tr>
          );
        })}
        <Table.Tr data-metric="rows">
          <Table.Td c="dimmed">Rows with a label</Table.Td>
          <Table.Td className="mlw-num">{formatCount(baseline.rows)}</Table.Td>
          <Table.Td className="mlw-num">{formatCount(current.rows)}</Table.Td>
          <Table.Td />
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
