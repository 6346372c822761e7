import { Text } from '@mantine/core';
import { formatNumber } from '../../../../shared/format/numbers.js';
import type { NumericStats } from './profileTypes.js';

const DIM = 'var(--mantine-color-dimmed)';
const LIGHT = 'var(--mantine-primary-color-light)';
const FILLED = 'var(--mantine-primary-color-filled)';

/**
 * A box summary on one line: whiskers from p5 to p95, the box from p25 to p75, the median marked,
 * min and max as dots, all on a linear scale from min to max with the figures underneath.
 */
export function QuantileStrip({ stats }: { stats: NumericStats }) {
  const { min, p5, p25, p50, p75, p95, max } = stats;
  if (min === null || max === null || p25 === null || p50 === null || p75 === null) return null;
  const span = max - min;
  // Inset by 1% each side so the min and max dots are not cut by the edge.
  const at = (value: number | null): number =>
    value === null || span === 0 ? 50 : 1 + ((value - min) / span) * 98;
  const marks: [string, number | null][] = [
    ['min', min],
    ['p5', p5],
    ['p25', p25],
    ['median', p50],
    ['p75', p75],
    ['p95', p95],
    ['max', max],
  ];
  return (
    <div data-testid="quantile-strip">
      {/* Colours go through style, where CSS variables work, so the strip follows the theme. */}
      <svg width="100%" height={28} role="img" aria-label="Box summary from min to max">
        <line x1={`${at(p5)}%`} x2={`${at(p95)}%`} y1={14} y2={14} style={{ stroke: DIM }} />
        <rect
          x={`${at(p25)}%`}
          width={`${Math.max(0.5, at(p75) - at(p25))}%`}
          y={5}
          height={18}
          style={{ fill: LIGHT, stroke: FILLED }}
        />
        <line
          x1={`${at(p50)}%`}
          x2={`${at(p50)}%`}
          y1={5}
          y2={23}
          style={{ stroke: FILLED, strokeWidth: 2 }}
        />
        <circle cx={`${at(min)}%`} cy={14} r={2.5} style={{ fill: DIM }} />
        <circle cx={`${at(max)}%`} cy={14} r={2.5} style={{ fill: DIM }} />
      </svg>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}>
        {marks.map(([label, value]) => (
          <div key={label} style={{ minWidth: 0 }}>
            <Text size="10px" c="dimmed" ta="right">
              {label}
            </Text>
            <Text
              size="xs"
              fw={500}
              className="mlw-num mlw-truncate"
              title={value === null ? undefined : String(value)}
            >
              {value === null ? '—' : formatNumber(value)}
            </Text>
          </div>
        ))}
      </div>
    </div>
  );
}
