import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { formatCount, formatPercent } from '../../../shared/format/numbers.js';
import { useChartPalette } from './chartPalette.js';
import { ChartFrame } from './ChartFrame.js';
import { ChartTooltipBox } from './ChartTooltip.js';
import { truncateEnd, truncateMiddle } from './truncate.js';

export interface BarItem {
  /** Unique among the items; the category the y axis is keyed by. */
  key: string;
  /** What the axis shows (cut to fit) and the tooltip shows whole. */
  label: string;
  value: number;
  /** A second colour for bars that stand apart (e.g. "other values"). */
  muted?: boolean;
}

export interface BarListProps {
  items: BarItem[];
  /** The whole the shares are of; no share is shown without it. */
  total?: number;
  /** The x axis title, with its unit. */
  xLabel: string;
  /** What the value counts, for the tooltip: "rows", "missing". */
  valueName?: string;
  formatValue?: (value: number) => string;
  /** A fixed x extent, e.g. 100 for percentages. */
  domainMax?: number;
  /** Where the x axis starts: 0 unless values can be negative (scores), then 'auto'. */
  domainMin?: number | 'auto';
  labelWidth?: number;
  /** Cut labels in the middle (column names) rather than at the end (values). */
  truncate?: 'middle' | 'end';
  rowHeight?: number;
  testId?: string;
}

const CHAR_PX = 6.4;

/**
 * Horizontal bars, one per item, labelled with the value and its share; long labels are cut on the
 * axis with the whole text in the tooltip and an SVG title. Used for top values, booleans and
 * missing shares.
 */
export function BarList({
  items,
  total,
  xLabel,
  valueName = 'Rows',
  formatValue = formatCount,
  domainMax,
  domainMin = 0,
  labelWidth = 180,
  truncate = 'end',
  rowHeight = 22,
  testId = 'bar-list',
}: BarListProps) {
  const palette = useChartPalette();
  const maxChars = Math.max(4, Math.floor((labelWidth - 8) / CHAR_PX));
  const cut = truncate === 'middle' ? truncateMiddle : truncateEnd;
  const labels = new Map(items.map((item) => [item.key, item.label]));
  const share = (value: number): string | undefined =>
    total !== undefined && total > 0 ? formatPercent((value / total) * 100) : undefined;
  const renderTooltip = ({ active, activeIndex }: TooltipContentProps) => {
    const item = active ? items[Number(activeIndex)] : undefined;
    if (!item) return null;
    const rows: [string, string][] = [[valueName, formatValue(item.value)]];
    const itemShare = share(item.value);
    if (itemShare !== undefined) rows.push(['Share', itemShare]);
    return <ChartTooltipBox title={item.label} rows={rows} />;
  };
  const height = items.length * rowHeight + 44;
  return (
    <ChartFrame height={height} testId={testId} data-bars={items.length}>
      <BarChart data={items} layout="vertical" margin={{ top: 4, right: 96, bottom: 18, left: 4 }}>
        <CartesianGrid horizontal={false} stroke={palette.grid} />
        <XAxis
          type="number"
          domain={[domainMin, domainMax ?? 'auto']}
          tickFormatter={formatValue}
          stroke={palette.axis}
          tick={{ fill: palette.axis, fontSize: 11 }}
          label={{ value: xLabel, position: 'insideBottom', offset: -12, fill: palette.axis, fontSize: 11 }}
        />
        <YAxis
          type="category"
          dataKey="key"
          width={labelWidth}
          interval={0}
          stroke={palette.axis}
          tick={<CategoryTick labels={labels} cut={(text) => cut(text, maxChars)} fill={palette.text} />}
        />
        <Tooltip cursor={{ fill: palette.cursor }} content={renderTooltip} isAnimationActive={false} />
        <Bar dataKey="value" isAnimationActive={false} barSize={Math.max(8, rowHeight - 8)}>
          {items.map((item) => (
            <Cell key={item.key} fill={item.muted ? palette.barMuted : palette.bar} />
          ))}
          <LabelList
            dataKey="value"
            position="right"
            fill={palette.axis}
            fontSize={11}
            formatter={(value: unknown) => {
              if (typeof value !== 'number') return '';
              const itemShare = share(value);
              return itemShare === undefined ? formatValue(value) : `${formatValue(value)} · ${itemShare}`;
            }}
          />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

/** A y-axis label cut to fit, with the whole text as an SVG title (the browser shows it on hover). */
function CategoryTick({
  x,
  y,
  payload,
  labels,
  cut,
  fill,
}: {
  x?: number;
  y?: number;
  payload?: { value: unknown };
  labels: Map<string, string>;
  cut: (text: string) => string;
  fill: string;
}) {
  const key = typeof payload?.value === 'string' ? payload.value : '';
  const label = labels.get(key) ?? key;
  return (
    <text x={(x ?? 0) - 4} y={y} dy={4} textAnchor="end" fill={fill} fontSize={11} data-testid="bar-label">
      <title>{label}</title>
      {cut(label)}
    </text>
  );
}
