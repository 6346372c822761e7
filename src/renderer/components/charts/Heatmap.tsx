import { Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import { ChartTooltipBox } from './ChartTooltip.js';
import { truncateMiddle } from './truncate.js';
import { heatmapColor, heatmapGradient, heatmapTextColor, type HeatmapScale } from './heatmapScale.js';
import classes from './Heatmap.module.css';

export interface HeatmapProps {
  labels: string[];
  /** values[row][column]; null where the pair could not be computed. */
  values: (number | null)[][];
  scale: HeatmapScale;
  /** The measure's name for the tooltip and legend: "Pearson r". */
  measure: string;
  formatValue?: (value: number) => string;
  testId?: string;
}

const ROW_LABEL_PX = 220;
const MAX_COL_LABEL_PX = 200;
/** About how wide one character of the 11 px labels is, to cut names to the room they have. */
const CHAR_PX = 6.2;
const ROW_LABEL_CHARS = Math.floor((ROW_LABEL_PX - 8) / CHAR_PX);
const COL_LABEL_CHARS = Math.floor((MAX_COL_LABEL_PX - 6) / CHAR_PX);

const twoDecimals = (value: number): string => value.toFixed(2).replace('-', '−');

/**
 * A symmetric matrix of pair measures. Cells shrink with the number of columns and show their figure
 * only when there is room; names are cut with the full name in their title, and hovering a cell
 * names the pair and its value in a tooltip.
 */
export function Heatmap({
  labels,
  values,
  scale,
  measure,
  formatValue = twoDecimals,
  testId = 'heatmap',
}: HeatmapProps) {
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const n = labels.length;
  // Cells share the pane's width (1 px gaps), between a legible 14 px and a calm 40 px; below 14
  // the matrix scrolls sideways instead.
  const { ref, width } = useElementSize();
  const room = width > 0 ? width - ROW_LABEL_PX - 4 : 720;
  const cell = Math.max(14, Math.min(40, Math.floor(room / Math.max(1, n)) - 1));
  const showFigures = cell >= 30;
  const hoveredValue = hover ? (values[hover.row]?.[hover.col] ?? null) : null;
  // The label band is as tall as the longest (cut) name needs, so short names waste no room.
  const longest = Math.min(COL_LABEL_CHARS, Math.max(1, ...labels.map((label) => label.length)));
  const colLabelPx = Math.ceil(longest * CHAR_PX) + 8;

  return (
    <div className={classes.scope} ref={ref}>
      <div className={classes.root} data-testid={testId} data-size={n} onMouseLeave={() => setHover(null)}>
        <div
          className={classes.grid}
          style={{
            gridTemplateColumns: `${ROW_LABEL_PX}px repeat(${n}, ${cell}px)`,
            gridTemplateRows: `${colLabelPx}px repeat(${n}, ${cell}px)`,
          }}
        >
          <div />
          {labels.map((label, col) => (
            <div
              key={`c-${label}`}
              className={`${classes.colLabel} ${hover?.col === col ? classes.active : ''}`}
              title={label}
              data-testid="heatmap-col-label"
            >
              {truncateMiddle(label, COL_LABEL_CHARS)}
            </div>
          ))}
          {labels.map((rowLabel, row) => [
            <div
              key={`r-${rowLabel}`}
              className={`${classes.rowLabel} ${hover?.row === row ? classes.active : ''}`}
              title={rowLabel}
              data-testid="heatmap-row-label"
            >
              {truncateMiddle(rowLabel, ROW_LABEL_CHARS)}
            </div>,
            ...labels.map((colLabel, col) => {
              const value = values[row]?.[col] ?? null;
              const hovered = hover?.row === row && hover.col === col;
              return (
                <div
                  key={`${rowLabel}\u0000${colLabel}`}
                  className={`${classes.cell} ${value === null ? classes.empty : ''} ${hovered ? classes.hovered : ''}`}
                  style={{
                    background: value === null ? undefined : heatmapColor(value, scale),
                    color: heatmapTextColor(value),
                  }}
                  onMouseEnter={() => setHover({ row, col })}
                  data-testid="heatmap-cell"
                  data-row={rowLabel}
                  data-col={colLabel}
                  data-value={value ?? ''}
                  aria-label={`${rowLabel} × ${colLabel}: ${value === null ? 'not computable' : formatValue(value)}`}
                >
                  {showFigures && value !== null ? formatValue(value) : null}
                </div>
              );
            }),
          ])}
        </div>
        {hover && (
          <div
            className={classes.tooltip}
            style={{
              left: Math.min(
                ROW_LABEL_PX + (hover.col + 1) * (cell + 1) + 6,
                ROW_LABEL_PX + n * (cell + 1) - 120,
              ),
              top: colLabelPx + (hover.row + 1) * (cell + 1) + 4,
            }}
            data-testid="heatmap-tooltip"
          >
            <ChartTooltipBox
              title={`${labels[hover.row] ?? ''} × ${labels[hover.col] ?? ''}`}
              rows={[[measure, hoveredValue === null ? 'not computable' : formatValue(hoveredValue)]]}
            />
          </div>
        )}
      </div>
      <HeatmapLegend scale={scale} measure={measure} />
    </div>
  );
}

function HeatmapLegend({ scale, measure }: { scale: HeatmapScale; measure: string }) {
  return (
    <Group gap={8} mt={8} ml={ROW_LABEL_PX} wrap="nowrap" data-testid="heatmap-legend">
      <Text size="xs" c="dimmed" className="mlw-num">
        {scale === 'sequential' ? '0' : '−1'}
      </Text>
      <div style={{ width: 160, height: 10, borderRadius: 2, background: heatmapGradient(scale) }} />
      <Text size="xs" c="dimmed" className="mlw-num">
        1
      </Text>
      <Text size="xs" c="dimmed">
        {measure}; hatched: not computable
      </Text>
    </Group>
  );
}
