import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { formatCount, formatNumber, formatPercent } from '../../../shared/format/numbers.js';
import { useChartPalette } from './chartPalette.js';
import { ChartFrame } from './ChartFrame.js';
import { ChartTooltipBox } from './ChartTooltip.js';
import { binTicks, toBins, type Bin } from './bins.js';
import { truncateMiddle } from './truncate.js';

/** Axis ticks at four significant digits: bin edges are rarely round, and six digits crowd the axis. */
const compactTick = (value: number): string =>
  new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 }).format(value);

export interface HistogramProps {
  /** bins + 1 edges, ascending (numbers, or epoch milliseconds for dates). */
  edges: number[];
  counts: number[];
  /** How an edge reads on the axis and in the tooltip. */
  formatEdge?: (value: number) => string;
  /** How an edge reads on the axis, when shorter than in the tooltip. */
  formatTick?: (value: number) => string;
  /** The x axis title, with its unit where there is one. */
  xLabel: string;
  height?: number;
  testId?: string;
}

/**
 * Bars that touch, each spanning its real bin on a numeric x axis (not evenly spaced categories), so
 * uneven or empty bins read as they are. The tooltip gives the range, the count and its share.
 */
export function Histogram({
  edges,
  counts,
  formatEdge = formatNumber,
  formatTick,
  xLabel,
  height = 220,
  testId = 'histogram',
}: HistogramProps) {
  const palette = useChartPalette();
  const bins = toBins(edges, counts);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const first = edges[0] ?? 0;
  const last = edges[edges.length - 1] ?? 1;
  const renderTooltip = ({ active, activeIndex }: TooltipContentProps) => {
    const bin: Bin | undefined = active ? bins[Number(activeIndex)] : undefined;
    if (!bin) return null;
    const closing = bin.last ? ']' : ')';
    return (
      <ChartTooltipBox
        title={`[${formatEdge(bin.from)}, ${formatEdge(bin.to)}${closing}`}
        rows={[
          ['Rows', formatCount(bin.count)],
          ['Share', formatPercent(total > 0 ? (bin.count / total) * 100 : 0)],
        ]}
      />
    );
  };
  return (
    <ChartFrame height={height} testId={testId} data-bins={bins.length}>
      <BarChart data={bins} margin={{ top: 8, right: 28, bottom: 20, left: 4 }} barCategoryGap={0}>
        <CartesianGrid vertical={false} stroke={palette.grid} />
        <XAxis
          type="number"
          dataKey="mid"
          domain={[first, last]}
          ticks={binTicks(edges, 7)}
          tickFormatter={formatTick ?? (formatEdge === formatNumber ? compactTick : formatEdge)}
          stroke={palette.axis}
          tick={{ fill: palette.axis, fontSize: 11 }}
          allowDataOverflow
          label={{
            value: truncateMiddle(xLabel, 64),
            position: 'insideBottom',
            offset: -14,
            fill: palette.axis,
            fontSize: 11,
          }}
        />
        <YAxis
          tickFormatter={(value: number) => formatCount(value)}
          stroke={palette.axis}
          tick={{ fill: palette.axis, fontSize: 11 }}
          width={56}
          allowDecimals={false}
          label={{ value: 'rows', angle: -90, position: 'insideLeft', fill: palette.axis, fontSize: 11 }}
        />
        <Tooltip cursor={{ fill: palette.cursor }} content={renderTooltip} isAnimationActive={false} />
        {/* A hairline in the background colour keeps touching bins apart. */}
        <Bar
          dataKey="count"
          fill={palette.bar}
          isAnimationActive={false}
          stroke={palette.background}
          strokeWidth={1}
        />
      </BarChart>
    </ChartFrame>
  );
}
