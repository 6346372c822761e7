import {
  Group,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  useComputedColorScheme,
  useMantineTheme,
} from '@mantine/core';
import { useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TooltipContentProps } from 'recharts';
import type { DriftReport } from '../../../../shared/contract/drift.js';
import { driftTests } from '../../../../shared/drift/driftTests.js';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
} from '../../../../shared/format/numbers.js';
import { ChartFrame } from '../../../components/charts/ChartFrame.js';
import { ChartTooltipBox } from '../../../components/charts/ChartTooltip.js';
import { useChartPalette } from '../../../components/charts/chartPalette.js';
import { Section } from '../../datasets/profile/TabState.js';
import { thresholdRule } from '../driftFormat.js';
import { VerdictBadge } from '../VerdictBadge.js';
import { firstColumnCrossing, firstCrossing, windowSeries, type WindowPoint } from './windowSeries.js';

const timeTick = (unit: 'hour' | 'day' | undefined) => (at: number) =>
  new Intl.DateTimeFormat(
    undefined,
    unit === 'day'
      ? { month: 'short', day: 'numeric' }
      : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  ).format(at);

/** A window's start as its unit reads: the day alone for daily windows. */
const windowTime = (unit: 'hour' | 'day' | undefined) => (iso: string) =>
  unit === 'day' ? formatDate(iso) : formatDateTime(iso);

/**
 * The share of drifted columns per window of the current side, against the data set's threshold,
 * with the first window that reached it marked; a column can be laid over with its own score.
 */
export function DriftOverTime({ report }: { report: DriftReport }) {
  const palette = useChartPalette();
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  // SVG attributes cannot read CSS variables: the theme's red, as a colour.
  const red = theme.colors.red?.[dark ? 5 : 7] ?? '#e03131';
  const [column, setColumn] = useState<string | null>(null);
  const windows = report.windows ?? [];
  const points = windowSeries(windows, column ?? undefined);
  const threshold = report.dataset.threshold * 100;
  const crossing = firstCrossing(points, threshold);
  const chosen = column ? report.columns.find((c) => c.column === column) : undefined;
  const columnCrossing = chosen ? firstColumnCrossing(points) : null;
  const pValue = chosen ? driftTests[chosen.test].score === 'p_value' : false;
  const tick = timeTick(report.settings.window);
  const when = windowTime(report.settings.window);
  const compared = report.columns.filter((c) => c.drift !== null).map((c) => c.column);

  const renderTooltip = ({ active, activeIndex }: TooltipContentProps) => {
    const point: WindowPoint | undefined = active ? points[Number(activeIndex)] : undefined;
    if (!point) return null;
    const rows: [string, string][] = [
      ['Rows', formatCount(point.rows)],
      ['Drifted columns', point.sharePercent === null ? 'too few rows' : formatPercent(point.sharePercent)],
    ];
    if (chosen) rows.push([`${chosen.column} score`, point.score === null ? '—' : formatNumber(point.score)]);
    return <ChartTooltipBox title={`${when(point.start)} – ${when(point.end)}`} rows={rows} />;
  };

  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="md" p="md" data-testid="drift-over-time">
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Text size="sm" data-testid="drift-first-crossing">
            {crossing ? (
              <>
                The share of drifted columns first reached {formatPercent(threshold)} in the window starting{' '}
                <b>{when(crossing.start)}</b>.
              </>
            ) : (
              <>No window reached the {formatPercent(threshold)} threshold.</>
            )}
            {chosen && (
              <Text span size="sm" c="dimmed">
                {' '}
                {columnCrossing
                  ? `${chosen.column} first drifted at ${when(columnCrossing.start)}.`
                  : `${chosen.column} drifted in no window.`}
              </Text>
            )}
          </Text>
          <Select
            size="xs"
            w={260}
            label="Lay a column over"
            placeholder="None: the share only"
            data={compared}
            value={column}
            onChange={setColumn}
            clearable
            searchable
            data-testid="drift-over-time-column"
          />
        </Group>
        <ChartFrame
          height={280}
          testId="drift-over-time-chart"
          data-windows={points.length}
          data-first-crossing={crossing?.start ?? ''}
        >
          <LineChart data={points} margin={{ top: 24, right: chosen ? 8 : 24, bottom: 20, left: 4 }}>
            <CartesianGrid stroke={palette.grid} vertical={false} />
            <XAxis
              type="number"
              dataKey="at"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={tick}
              stroke={palette.axis}
              tick={{ fill: palette.axis, fontSize: 11 }}
              label={{
                value: `window start (per ${report.settings.window ?? 'window'})`,
                position: 'insideBottom',
                offset: -14,
                fill: palette.axis,
                fontSize: 11,
              }}
            />
            <YAxis
              yAxisId="share"
              domain={[0, 100]}
              tickFormatter={(value: number) => `${value}%`}
              stroke={palette.axis}
              tick={{ fill: palette.axis, fontSize: 11 }}
              width={48}
              label={{
                value: 'drifted columns',
                angle: -90,
                position: 'insideLeft',
                fill: palette.axis,
                fontSize: 11,
                dy: 48,
              }}
            />
            {chosen && (
              <YAxis
                yAxisId="score"
                orientation="right"
                stroke={palette.series[2]}
                tick={{ fill: palette.axis, fontSize: 11 }}
                width={56}
                tickFormatter={(value: number) => formatNumber(value)}
                label={{
                  value: pValue ? 'p-value' : 'distance',
                  angle: 90,
                  position: 'insideRight',
                  fill: palette.axis,
                  fontSize: 11,
                }}
              />
            )}
            <Tooltip content={renderTooltip} isAnimationActive={false} />
            <Legend
              verticalAlign="top"
              align="right"
              height={20}
              iconSize={10}
              wrapperStyle={{ fontSize: 11, color: palette.axis, top: 0 }}
            />
            <ReferenceLine
              yAxisId="share"
              y={threshold}
              stroke={palette.series[1] ?? 'orange'}
              strokeDasharray="4 3"
              label={{
                value: `threshold ${formatPercent(threshold)}`,
                position: 'insideTopLeft',
                fill: palette.axis,
                fontSize: 11,
              }}
            />
            {crossing && (
              <ReferenceLine
                yAxisId="share"
                x={crossing.at}
                stroke={red}
                strokeWidth={1.5}
                strokeDasharray="3 3"
                label={{
                  value: `first crossed at ${tick(crossing.at)}`,
                  position: 'top',
                  fill: palette.text,
                  fontSize: 11,
                }}
              />
            )}
            <Line
              yAxisId="share"
              dataKey="sharePercent"
              name="Drifted columns"
              stroke={palette.bar}
              strokeWidth={2}
              dot={{ r: 2.5 }}
              connectNulls={false}
              isAnimationActive={false}
            />
            {chosen && (
              <ReferenceLine
                yAxisId="score"
                y={chosen.threshold}
                stroke={palette.series[2]}
                strokeDasharray="1 3"
                label={{
                  value: `${chosen.column} threshold ${thresholdRule(chosen)}`,
                  position: 'insideBottomRight',
                  fill: palette.axis,
                  fontSize: 11,
                }}
              />
            )}
            {chosen && (
              <Line
                yAxisId="score"
                dataKey="score"
                name={`${chosen.column} score`}
                stroke={palette.series[2]}
                strokeWidth={1.5}
                dot={{ r: 2 }}
                isAnimationActive={false}
              />
            )}
            {/* Last, so the mark sits on top of the lines. */}
            {crossing && crossing.sharePercent !== null && (
              <ReferenceDot
                yAxisId="share"
                x={crossing.at}
                y={crossing.sharePercent}
                r={6}
                fill={red}
                stroke={palette.background}
                strokeWidth={2}
              />
            )}
          </LineChart>
        </ChartFrame>
        <Section title={`Windows (${formatCount(points.length)})`}>
          <Table data-testid="drift-windows" maw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Start</Table.Th>
                <Table.Th>End</Table.Th>
                <Table.Th className="mlw-num">Rows</Table.Th>
                <Table.Th className="mlw-num">Drifted columns</Table.Th>
                {chosen && <Table.Th className="mlw-num">{chosen.column}</Table.Th>}
                <Table.Th>Verdict</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((point) => (
                <Table.Tr key={point.start} data-first-crossing={point === crossing || undefined}>
                  <Table.Td className="mlw-num" style={{ textAlign: 'left' }}>
                    {when(point.start)}
                  </Table.Td>
                  <Table.Td className="mlw-num" style={{ textAlign: 'left' }} c="dimmed">
                    {when(point.end)}
                  </Table.Td>
                  <Table.Td className="mlw-num">{formatCount(point.rows)}</Table.Td>
                  <Table.Td className="mlw-num">
                    {point.sharePercent === null ? 'too few rows' : formatPercent(point.sharePercent)}
                  </Table.Td>
                  {chosen && (
                    <Table.Td className="mlw-num">
                      {point.score === null ? '—' : formatNumber(point.score)}
                    </Table.Td>
                  )}
                  <Table.Td>
                    <VerdictBadge drift={point.drift} size="xs" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </Stack>
    </ScrollArea>
  );
}
