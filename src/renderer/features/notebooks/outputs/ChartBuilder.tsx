import { Button, Group, Select } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChartSpec, ChartType, TableOutput } from '../../../../shared/contract/notebooks.js';
import { buildChart } from './chartData.js';

const TYPES: { value: ChartType; label: string }[] = [
  { value: 'histogram', label: 'Histogram' },
  { value: 'bar', label: 'Bar' },
  { value: 'line', label: 'Line' },
  { value: 'scatter', label: 'Scatter' },
  { value: 'box', label: 'Box' },
];

/** Chart a result in a few clicks: type, x, y; the chart is added to the cell's outputs. */
export function ChartBuilder({
  table,
  onChart,
}: {
  table: TableOutput;
  onChart: (chart: ChartSpec) => void;
}) {
  const [open, setOpen] = useState(false);
  const names = table.columns.map((c) => c.name);
  const [type, setType] = useState<ChartType>('histogram');
  const [x, setX] = useState<string | null>(names[0] ?? null);
  const [y, setY] = useState<string | null>(names[1] ?? null);
  const [error, setError] = useState<string | undefined>();
  if (!open) {
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconChartBar size={14} />}
        onClick={() => setOpen(true)}
        data-testid="chart-builder-open"
      >
        Chart
      </Button>
    );
  }
  const make = (): void => {
    if (!x) return;
    try {
      onChart(buildChart({ type, data: table, x, ...(type !== 'histogram' && y ? { y } : {}) }));
      setOpen(false);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Group gap="xs" align="end" data-testid="chart-builder">
      <Select
        size="xs"
        w={120}
        label="Chart"
        data={TYPES}
        value={type}
        onChange={(v) => v && setType(v)}
        allowDeselect={false}
        data-testid="chart-type"
      />
      <Select
        size="xs"
        w={150}
        label="x"
        data={names}
        value={x}
        onChange={setX}
        allowDeselect={false}
        data-testid="chart-x"
      />
      {type !== 'histogram' && (
        <Select
          size="xs"
          w={150}
          label="y"
          data={names}
          value={y}
          onChange={setY}
          allowDeselect={false}
          data-testid="chart-y"
        />
      )}
      <Button size="xs" onClick={make} data-testid="chart-builder-add">
        Add chart
      </Button>
      <Button size="xs" variant="default" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {error && <span style={{ color: 'var(--mantine-color-error)', fontSize: 12 }}>{error}</span>}
    </Group>
  );
}
