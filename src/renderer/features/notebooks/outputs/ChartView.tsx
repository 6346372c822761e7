import { Box, Text } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  LineChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartSpec } from '../../../../shared/contract/notebooks.js';

const AXIS = { stroke: 'var(--mantine-color-dimmed)', fontSize: 11 };
const GRID = 'var(--mantine-color-default-border)';
const COLOR = 'var(--mantine-primary-color-filled)';
const TOOLTIP = {
  contentStyle: {
    background: 'var(--mantine-color-body)',
    border: '1px solid var(--mantine-color-default-border)',
    fontSize: 12,
  },
  labelStyle: { color: 'var(--mantine-color-text)' },
};

const short = (value: unknown): string =>
  typeof value === 'number'
    ? Math.abs(value) >= 1000
      ? value.toExponential(2)
      : String(Math.round(value * 100) / 100)
    : String(value);

/** A chart output: axes labelled with column names, a tooltip, colours from the theme. */
export function ChartView({ chart }: { chart: ChartSpec }) {
  return (
    <Box data-testid="chart-output" data-chart-type={chart.type}>
      {chart.title && (
        <Text size="sm" fw={600} mb={4}>
          {chart.title}
        </Text>
      )}
      <Box h={260}>
        <ResponsiveContainer width="100%" height="100%">
          {renderChart(chart)}
        </ResponsiveContainer>
      </Box>
      <Text size="xs" c="dimmed" ta="center">
        {chart.type === 'histogram' ? `${chart.x} (count per bin)` : `${chart.y ?? ''} by ${chart.x}`}
      </Text>
    </Box>
  );
}

function renderChart(chart: ChartSpec) {
  const margin = { top: 8, right: 16, bottom: 4, left: 8 };
  const y = chart.y ?? 'count';
  switch (chart.type) {
    case 'histogram': {
      const data = chart.data.map((bin) => ({ ...bin, label: short(bin.from) }));
      return (
        <BarChart data={data} margin={margin} barCategoryGap={1}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} stroke={AXIS.stroke} minTickGap={24} />
          <YAxis tick={AXIS} stroke={AXIS.stroke} width={48} />
          <Tooltip {...TOOLTIP} labelFormatter={(_, items) => binLabel(items[0]?.payload)} />
          <Bar dataKey="count" fill={COLOR} isAnimationActive={false} />
        </BarChart>
      );
    }
    case 'bar':
      return (
        <BarChart data={chart.data} margin={margin}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey={chart.x} tick={AXIS} stroke={AXIS.stroke} />
          <YAxis tick={AXIS} stroke={AXIS.stroke} width={48} />
          <Tooltip {...TOOLTIP} />
          <Bar dataKey={y} fill={COLOR} isAnimationActive={false} />
        </BarChart>
      );
    case 'line':
      return (
        <LineChart data={chart.data} margin={margin}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey={chart.x} tick={AXIS} stroke={AXIS.stroke} minTickGap={32} />
          <YAxis tick={AXIS} stroke={AXIS.stroke} width={48} domain={['auto', 'auto']} />
          <Tooltip {...TOOLTIP} />
          <Line dataKey={y} stroke={COLOR} dot={false} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      );
    case 'scatter':
      return (
        <ScatterChart margin={margin}>
          <CartesianGrid stroke={GRID} />
          <XAxis
            dataKey={chart.x}
            name={chart.x}
            type="number"
            domain={['auto', 'auto']}
            tick={AXIS}
            stroke={AXIS.stroke}
          />
          <YAxis
            dataKey={y}
            name={y}
            type="number"
            domain={['auto', 'auto']}
            tick={AXIS}
            stroke={AXIS.stroke}
            width={48}
          />
          <Tooltip {...TOOLTIP} />
          <Scatter data={chart.data} fill={COLOR} fillOpacity={0.5} isAnimationActive={false} />
        </ScatterChart>
      );
    case 'box':
      return (
        <ComposedChart data={chart.data} margin={margin}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="group" tick={AXIS} stroke={AXIS.stroke} xAxisId="whisker" />
          <XAxis dataKey="group" xAxisId="box" hide />
          <YAxis tick={AXIS} stroke={AXIS.stroke} width={48} domain={['auto', 'auto']} />
          <Tooltip
            {...TOOLTIP}
            formatter={(value) => (Array.isArray(value) ? value.map(short).join(' – ') : short(value))}
          />
          <Bar
            xAxisId="whisker"
            dataKey={(d: Record<string, number>) => [d.min, d.max]}
            name="min – max"
            barSize={2}
            fill="var(--mantine-color-dimmed)"
            isAnimationActive={false}
          />
          <Bar
            xAxisId="box"
            dataKey={(d: Record<string, number>) => [d.q1, d.q3]}
            name="quartiles"
            barSize={36}
            fill={COLOR}
            fillOpacity={0.6}
            isAnimationActive={false}
          />
          <Scatter
            xAxisId="box"
            dataKey="median"
            name="median"
            fill="var(--mantine-color-text)"
            shape="diamond"
            isAnimationActive={false}
          />
        </ComposedChart>
      );
  }
}

function binLabel(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const bin = payload as { from?: number; to?: number };
  return `${short(bin.from)} – ${short(bin.to)}`;
}
