import { Group, SimpleGrid, Stack, Text, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { LoadTestSample } from '../../../../shared/contract/containerLoadtests.js';
import { ChartFrame } from '../../../components/charts/ChartFrame.js';
import { ChartTooltipBox } from '../../../components/charts/ChartTooltip.js';
import { useChartPalette } from '../../../components/charts/chartPalette.js';
import { niceCeil } from '../../models/bench/benchSeries.js';
import { formatLatency, formatRps, timeAxis } from './loadTestSeries.js';

interface Series {
  key: 'rps' | 'p50' | 'p90' | 'p99' | 'errors' | 'non2xx';
  label: string;
  color: string;
  dash?: string;
}

function SecondsChart({
  title,
  samples,
  plannedS,
  series,
  format,
  tick = format,
  minTop = 0,
  testId,
}: {
  title: string;
  samples: LoadTestSample[];
  plannedS: number | undefined;
  series: Series[];
  format: (value: number) => string;
  /** The y axis labels, when shorter than the tooltip's figures. */
  tick?: (value: number) => string;
  /** The least top of the y axis: 4 keeps counts in whole ticks while nothing failed. */
  minTop?: number;
  testId: string;
}) {
  const palette = useChartPalette();
  const { domain, ticks } = timeAxis(samples, plannedS);
  const top = Math.max(
    minTop,
    niceCeil(Math.max(0, ...samples.flatMap((s) => series.map(({ key }) => s[key] ?? 0)))),
  );
  const ChartTip = ({ active, payload }: TooltipContentProps) => {
    const point = active ? (payload?.[0]?.payload as LoadTestSample | undefined) : undefined;
    if (!point) return null;
    return (
      <ChartTooltipBox
        title={`Second ${point.t}`}
        rows={series.map(({ key, label }): [string, string] => {
          const value = point[key];
          return [label, value === null ? '—' : format(value)];
        })}
      />
    );
  };
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap="sm" justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600} className="mlw-truncate">
          {title}
        </Text>
        {series.length > 1 && (
          <Group gap={10} wrap="nowrap" style={{ flex: 'none' }}>
            {series.map(({ key, label, color, dash }) => (
              <Group key={key} gap={4} wrap="nowrap">
                <svg width={16} height={8} aria-hidden>
                  <line x1={0} x2={16} y1={4} y2={4} stroke={color} strokeWidth={2} strokeDasharray={dash} />
                </svg>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {label}
                </Text>
              </Group>
            ))}
          </Group>
        )}
      </Group>
      <ChartFrame height={160} testId={testId} data-points={samples.length}>
        <LineChart data={samples} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke={palette.grid} />
          <XAxis
            dataKey="t"
            type="number"
            domain={domain}
            ticks={ticks}
            tickFormatter={(t: number) => `${t} s`}
            stroke={palette.axis}
            tick={{ fill: palette.axis, fontSize: 11 }}
          />
          <YAxis
            domain={[0, top]}
            ticks={[0, 1, 2, 3, 4].map((i) => (top * i) / 4)}
            tickFormatter={tick}
            width={56}
            stroke={palette.axis}
            tick={{ fill: palette.axis, fontSize: 11 }}
          />
          <Tooltip content={ChartTip} cursor={{ stroke: palette.axis }} isAnimationActive={false} />
          {series.map(({ key, color, dash }) => (
            <Line
              key={key}
              dataKey={key}
              stroke={color}
              strokeWidth={2}
              strokeDasharray={dash}
              // A lone first second still shows as a point.
              dot={samples.length === 1 ? { r: 3, fill: color } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartFrame>
    </Stack>
  );
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');

/** Requests per second, latency percentiles and failures per second of a load test, a point a second. */
export function LoadTestCharts({
  samples,
  plannedS,
}: {
  samples: LoadTestSample[];
  /** The test's planned length, so the lines grow into the axis while it runs. */
  plannedS: number | undefined;
}) {
  const palette = useChartPalette();
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const [accent, orange, teal] = palette.series;
  // Failures in red, as errors are elsewhere; the palette's series have no red.
  const red = theme.colors.red?.[dark ? 5 : 7] ?? palette.bar;
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg" data-testid="loadtest-charts">
      <SecondsChart
        title="Requests per second"
        samples={samples}
        plannedS={plannedS}
        series={[{ key: 'rps', label: 'req/s', color: accent ?? palette.bar }]}
        format={formatRps}
        testId="loadtest-rps-chart"
      />
      <SecondsChart
        title="Latency"
        samples={samples}
        plannedS={plannedS}
        tick={(ms) => `${Number(ms.toPrecision(3)).toLocaleString('en-US')} ms`}
        series={[
          { key: 'p50', label: 'p50', color: accent ?? palette.bar },
          { key: 'p90', label: 'p90', color: teal ?? palette.bar, dash: '6 3' },
          { key: 'p99', label: 'p99', color: orange ?? palette.bar, dash: '2 3' },
        ]}
        format={(ms) => formatLatency(ms)}
        testId="loadtest-latency-chart"
      />
      <SecondsChart
        title="Failed per second"
        samples={samples}
        plannedS={plannedS}
        minTop={4}
        series={[
          { key: 'errors', label: 'no answer', color: red },
          { key: 'non2xx', label: 'non-2xx', color: orange ?? palette.bar, dash: '6 3' },
        ]}
        format={count}
        testId="loadtest-errors-chart"
      />
    </SimpleGrid>
  );
}
