import { Group, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { ChartFrame } from '../../../components/charts/ChartFrame.js';
import { ChartTooltipBox } from '../../../components/charts/ChartTooltip.js';
import { useChartPalette, type ChartPalette } from '../../../components/charts/chartPalette.js';
import { Section } from '../../datasets/profile/TabState.js';
import { chartRows, niceCeil, type BenchSeries, type ChartRow } from './benchSeries.js';
import classes from './Bench.module.css';

const figure = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });
export const formatMs = (ms: number) => `${figure.format(ms)} ms`;
export const formatRate = (perSecond: number) =>
  new Intl.NumberFormat(undefined, { maximumFractionDigits: perSecond < 100 ? 1 : 0 }).format(perSecond);

/** Axis ticks stay short: 150K, not 150,000, so the axis title has room. */
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });

const DASH = { p90: '6 3', p99: '2 3', overlay: '7 4' };

/** One colour per thread count, the same in both charts and for both benchmarks. */
function colorOf(series: BenchSeries, all: BenchSeries[], palette: ChartPalette): string {
  const threads = [...new Set(all.map((s) => s.threads))].sort((a, b) => a - b);
  return palette.series[threads.indexOf(series.threads) % palette.series.length] ?? palette.bar;
}

function axes(palette: ChartPalette, yLabel: string, format: (v: number) => string) {
  return [
    <CartesianGrid key="grid" vertical={false} stroke={palette.grid} />,
    <XAxis
      key="x"
      dataKey="batch"
      stroke={palette.axis}
      tick={{ fill: palette.axis, fontSize: 11 }}
      label={{ value: 'batch size', position: 'insideBottom', offset: -12, fill: palette.axis, fontSize: 11 }}
    />,
    <YAxis
      key="y"
      stroke={palette.axis}
      tick={{ fill: palette.axis, fontSize: 11 }}
      tickFormatter={format}
      // Headroom above the highest figure (a p99 dot at the top is not cut in half), at a round end.
      domain={[0, niceCeil]}
      width={60}
      label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: palette.axis, fontSize: 11, dy: 40 }}
    />,
  ];
}

function tooltip(series: BenchSeries[], row: (point: ChartRow['values'][string]) => string) {
  return function BenchTooltip({ active, payload }: TooltipContentProps) {
    const data = active ? (payload?.[0]?.payload as ChartRow | undefined) : undefined;
    if (!data) return null;
    return (
      <ChartTooltipBox
        title={`Batch ${data.batch}`}
        rows={series.flatMap((s): [string, string][] => {
          const point = data.values[s.id];
          return point ? [[s.label, row(point)]] : [];
        })}
      />
    );
  };
}

function Legend({ series, tails }: { series: BenchSeries[]; tails: boolean }) {
  const palette = useChartPalette();
  return (
    <Group gap="md" mt={4} className={classes.legend} data-testid="bench-legend">
      {series.map((s) => (
        <Group key={s.id} gap={6} wrap="nowrap">
          <svg width={22} height={8} aria-hidden>
            <line
              x1={0}
              x2={22}
              y1={4}
              y2={4}
              stroke={colorOf(s, series, palette)}
              strokeWidth={2}
              strokeDasharray={s.side === 'overlay' ? DASH.overlay : undefined}
            />
          </svg>
          <Text size="xs">{s.label}</Text>
        </Group>
      ))}
      {tails && (
        <Text size="xs" c="dimmed">
          solid p50 · dashed p90 · dotted p99
        </Text>
      )}
    </Group>
  );
}

/**
 * Latency by batch size, a line per thread count: p50, and its p90 and p99 when one benchmark is
 * drawn; with two, p50 of each (the overlaid one dashed) so the lines stay readable.
 */
export function LatencyChart({ series }: { series: BenchSeries[] }) {
  const palette = useChartPalette();
  const rows = chartRows(series);
  const tails = series.every((s) => s.side === 'shown');
  return (
    <Section title="Latency per run" aside="ms, lower is better">
      <ChartFrame height={240} testId="bench-latency-chart" data-series={series.length}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          {axes(palette, 'ms', (v) => figure.format(v))}
          <Tooltip
            isAnimationActive={false}
            content={tooltip(
              series,
              (p) => `p50 ${formatMs(p.p50)} · p90 ${figure.format(p.p90)} · p99 ${figure.format(p.p99)}`,
            )}
          />
          {series.flatMap((s) => {
            const color = colorOf(s, series, palette);
            const line = (key: 'p50' | 'p90' | 'p99', dash: string | undefined, width: number) => (
              <Line
                key={`${s.id}:${key}`}
                dataKey={(row: ChartRow) => row.values[s.id]?.[key]}
                name={`${s.label} ${key}`}
                stroke={color}
                strokeWidth={width}
                strokeDasharray={dash}
                // Hollow tail dots keep p90 and p99 visible where a line has a single batch size.
                dot={
                  key === 'p50' ? { r: 3, fill: color } : { r: 2, fill: palette.background, stroke: color }
                }
                connectNulls
                isAnimationActive={false}
              />
            );
            if (!tails) return [line('p50', s.side === 'overlay' ? DASH.overlay : undefined, 2)];
            return [line('p50', undefined, 2), line('p90', DASH.p90, 1.25), line('p99', DASH.p99, 1.25)];
          })}
        </LineChart>
      </ChartFrame>
      <Legend series={series} tails={tails} />
    </Section>
  );
}

/** Items per second by batch size, a bar per thread count (the overlaid benchmark's bars hollow). */
export function ThroughputChart({ series }: { series: BenchSeries[] }) {
  const palette = useChartPalette();
  const rows = chartRows(series);
  return (
    <Section title="Throughput" aside="items/s, higher is better">
      <ChartFrame height={240} testId="bench-throughput-chart" data-series={series.length}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 18, left: 0 }} barGap={2}>
          {axes(palette, 'items/s', (v) => compact.format(v))}
          <Tooltip
            cursor={{ fill: palette.cursor }}
            isAnimationActive={false}
            content={tooltip(series, (p) =>
              p.itemsPerSecond === null ? '—' : `${formatRate(p.itemsPerSecond)} items/s`,
            )}
          />
          {series.map((s) => {
            const color = colorOf(s, series, palette);
            return (
              <Bar
                key={s.id}
                dataKey={(row: ChartRow) => row.values[s.id]?.itemsPerSecond ?? undefined}
                name={s.label}
                fill={color}
                fillOpacity={s.side === 'overlay' ? 0.25 : 1}
                stroke={color}
                strokeWidth={s.side === 'overlay' ? 1.5 : 0}
                strokeDasharray={s.side === 'overlay' ? '4 2' : undefined}
                maxBarSize={36}
                isAnimationActive={false}
              />
            );
          })}
        </BarChart>
      </ChartFrame>
      <Legend series={series} tails={false} />
    </Section>
  );
}
