import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import type { DriftHistogram } from '../../../../shared/contract/drift.js';
import { formatCount, formatNumber, formatPercent } from '../../../../shared/format/numbers.js';
import { ChartFrame } from '../../../components/charts/ChartFrame.js';
import { ChartTooltipBox } from '../../../components/charts/ChartTooltip.js';
import { useChartPalette } from '../../../components/charts/chartPalette.js';
import { truncateEnd, truncateMiddle } from '../../../components/charts/truncate.js';
import { histogramShares, type ShareBar } from './histogramShares.js';

/** Axis ticks at four significant digits: bin edges are rarely round. */
const compact = (value: number): string =>
  new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 }).format(value);

/**
 * Both sides' distributions of a column overlaid, as shares of each side's rows so sides of
 * different sizes compare: bins on the shared edges (the axis marks each bin's lower edge), or
 * the most frequent categories with the rest as "other values".
 */
export function DistributionChart({
  histogram,
  column,
  height = 240,
}: {
  histogram: DriftHistogram;
  column: string;
  height?: number;
}) {
  const palette = useChartPalette();
  const bars = histogramShares(histogram, compact);
  const binned = histogram.kind === 'bins';
  const data = bars.map((bar) => ({
    ...bar,
    baselinePercent: bar.baseline * 100,
    currentPercent: bar.current * 100,
  }));
  const renderTooltip = ({ active, activeIndex }: TooltipContentProps) => {
    const bar: ShareBar | undefined = active ? bars[Number(activeIndex)] : undefined;
    if (!bar) return null;
    const title = binned
      ? `[${formatNumber(bar.from ?? 0)}, ${formatNumber(bar.to ?? 0)}${bar.key === String(bars.length - 1) ? ']' : ')'}`
      : bar.label;
    return (
      <ChartTooltipBox
        title={title}
        rows={[
          ['Baseline', `${formatPercent(bar.baseline * 100)} · ${formatCount(bar.baselineCount)} rows`],
          ['Current', `${formatPercent(bar.current * 100)} · ${formatCount(bar.currentCount)} rows`],
        ]}
      />
    );
  };
  return (
    <ChartFrame
      height={height}
      testId="drift-distribution"
      data-kind={histogram.kind}
      data-bars={bars.length}
    >
      <BarChart
        data={data}
        margin={{ top: 8, right: 12, bottom: binned ? 24 : 36, left: 4 }}
        barCategoryGap={binned ? 1 : '18%'}
        barGap={0}
      >
        <CartesianGrid vertical={false} stroke={palette.grid} />
        <XAxis
          dataKey="key"
          interval={binned ? Math.max(0, Math.ceil(bars.length / 7) - 1) : 0}
          tickFormatter={(key: string) => {
            const bar = bars.find((b) => b.key === key);
            if (!bar) return '';
            return binned ? compact(bar.from ?? 0) : truncateEnd(bar.label, bars.length > 8 ? 8 : 14);
          }}
          angle={!binned && bars.length > 6 ? -30 : 0}
          textAnchor={!binned && bars.length > 6 ? 'end' : 'middle'}
          height={!binned && bars.length > 6 ? 44 : 30}
          stroke={palette.axis}
          tick={{ fill: palette.axis, fontSize: 11 }}
          label={{
            value: binned ? `${truncateMiddle(column, 48)} (bin lower edges)` : truncateMiddle(column, 48),
            position: 'insideBottom',
            offset: binned || bars.length <= 6 ? -14 : -28,
            fill: palette.axis,
            fontSize: 11,
          }}
        />
        <YAxis
          tickFormatter={(value: number) => `${compact(value)}%`}
          stroke={palette.axis}
          tick={{ fill: palette.axis, fontSize: 11 }}
          width={48}
          label={{
            value: 'share of rows',
            angle: -90,
            position: 'insideLeft',
            fill: palette.axis,
            fontSize: 11,
            dy: 40,
          }}
        />
        <Tooltip cursor={{ fill: palette.cursor }} content={renderTooltip} isAnimationActive={false} />
        <Legend
          verticalAlign="top"
          align="right"
          height={22}
          iconSize={10}
          wrapperStyle={{ fontSize: 11, color: palette.axis }}
        />
        <Bar
          dataKey="baselinePercent"
          name="Baseline"
          fill={palette.barMuted}
          fillOpacity={0.7}
          isAnimationActive={false}
        />
        <Bar dataKey="currentPercent" name="Current" fill={palette.bar} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
